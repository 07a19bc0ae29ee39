/**
 * The names `format_type` prints for the built-in types a statement may
 * spell otherwise (https://www.postgresql.org/docs/current/datatype.html,
 * Table 8.1's aliases), keyed by the other spelling in lower case: what a
 * domain's base type or a routine's argument reads back as from the catalog.
 *
 * @example
 * POSTGRES_TYPE_ALIASES['int4'] // 'integer'
 * POSTGRES_TYPE_ALIASES['timestamptz'] // 'timestamp with time zone'
 */
export const POSTGRES_TYPE_ALIASES: Readonly<Record<string, string>> = {
  int: 'integer',
  int4: 'integer',
  int2: 'smallint',
  int8: 'bigint',
  float: 'double precision',
  float8: 'double precision',
  float4: 'real',
  bool: 'boolean',
  varchar: 'character varying',
  'char varying': 'character varying',
  char: 'character',
  bpchar: 'character',
  decimal: 'numeric',
  dec: 'numeric',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
  varbit: 'bit varying',
  nchar: 'character',
  'nchar varying': 'character varying',
  'national char': 'character',
  'national character': 'character',
  'national char varying': 'character varying',
  'national character varying': 'character varying',
}
