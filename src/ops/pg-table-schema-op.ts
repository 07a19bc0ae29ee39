/**
 * `op.setTableSchema(...)` as data: `ALTER TABLE … SET SCHEMA`, which moves
 * the table to `newSchema` with its rows, and PostgreSQL moves with it the
 * indexes, constraints and sequences owned by its columns; views,
 * partitions and foreign keys refer to it by OID and keep doing so.
 * `schema` is where it is, which the reverse moves it back to.
 *
 * @example
 * const move: SetTableSchemaOp = { kind: 'set_table_schema', table: 'log', schema: 'public', newSchema: 'audit' }
 */
export interface SetTableSchemaOp {
  readonly kind: 'set_table_schema'
  readonly table: string
  readonly schema?: string
  readonly newSchema: string
}
