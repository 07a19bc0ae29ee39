/**
 * The query that reads a PostgreSQL composite type's attributes in order, as
 * one comma-separated row `{ a: 'street,zip,no' }`: what a move of its
 * attributes must leave as before.
 *
 * @example
 * assert.deepEqual(await db.query(attributesOf('address')), [{ a: 'street,city,zip' }])
 */
export const attributesOf = (type: string): string =>
  "SELECT string_agg(attname, ',' ORDER BY attnum) AS a FROM pg_attribute " +
  `WHERE attrelid = '${type}'::regclass AND attnum > 0 AND NOT attisdropped`
