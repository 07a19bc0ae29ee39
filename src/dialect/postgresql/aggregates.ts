import type { Row } from '../../ops/operation-sink.js'
import { postgresLiteral } from './literal.js'

/**
 * A support function's name as CREATE AGGREGATE takes it: the bare name
 * (the aggregate's argument types pick the overload), qualified only when
 * the search path does not reach it. `regproc` would qualify any
 * overloaded name, with the home schema too.
 */
const functionName = (column: string) =>
  `(SELECT CASE WHEN pg_function_is_visible(f.oid) THEN '' ELSE quote_ident(fn.nspname) || '.' END || quote_ident(f.proname)
      FROM pg_proc f JOIN pg_namespace fn ON fn.oid = f.pronamespace WHERE f.oid = ${column})`

/**
 * The columns of `pg_aggregate` (https://www.postgresql.org/docs/current/catalog-pg-aggregate.html)
 * that make up a `CREATE AGGREGATE` statement, functions and types as
 * names and `format_type` print them (schema-qualified only where the
 * search path does not reach). PostgreSQL has no `pg_get_aggregatedef`, so
 * the statement is rebuilt from these, in one fixed form: a model's own
 * text is compared after being run and rebuilt the same way. They read
 * `pg_proc p`, `pg_namespace n` and `pg_aggregate a` (left-joined: NULLs on other routines).
 */
export const AGGREGATE_COLUMNS = `CASE WHEN n.nspname = current_schema() THEN '' ELSE quote_ident(n.nspname) || '.' END
      || quote_ident(p.proname) AS quoted_name, pg_get_function_arguments(p.oid) AS signature, p.pronargs AS nargs,
    a.aggkind AS agg_kind, ${functionName('a.aggtransfn')} AS sfunc, format_type(a.aggtranstype, NULL) AS stype,
    a.aggtransspace AS sspace, ${functionName('a.aggfinalfn')} AS finalfunc, a.aggfinalextra AS finalfunc_extra,
    a.aggfinalmodify AS finalfunc_modify, ${functionName('a.aggcombinefn')} AS combinefunc,
    ${functionName('a.aggserialfn')} AS serialfunc, ${functionName('a.aggdeserialfn')} AS deserialfunc,
    a.agginitval AS initcond, ${functionName('a.aggmtransfn')} AS msfunc,
    ${functionName('a.aggminvtransfn')} AS minvfunc, CASE WHEN a.aggmtranstype <> 0 THEN format_type(a.aggmtranstype, NULL) END AS mstype,
    a.aggmtransspace AS msspace, ${functionName('a.aggmfinalfn')} AS mfinalfunc, a.aggmfinalextra AS mfinalfunc_extra,
    a.aggmfinalmodify AS mfinalfunc_modify, a.aggminitval AS minitcond, NULLIF(a.aggsortop, 0)::regoperator::text AS sortop,
    p.proparallel AS parallel`

const MODIFY: Readonly<Record<string, string>> = { r: 'READ_ONLY', s: 'SHAREABLE', w: 'READ_WRITE' }
const PARALLEL: Readonly<Record<string, string>> = { s: 'SAFE', r: 'RESTRICTED' }

const present = (value: unknown): value is string | number => value !== null && value !== undefined && value !== '' && value !== '-'
// `>(integer,integer)` as SORTOP takes it: the bare operator, or OPERATOR(schema.op) when it is qualified.
const operator = (op: string) => {
  const bare = op.replace(/\(.*$/, '')
  return bare.includes('.') ? `OPERATOR(${bare})` : bare
}

/**
 * The `CREATE OR REPLACE AGGREGATE` statement of one row of
 * {@link AGGREGATE_COLUMNS}: each option on its line, those left at their
 * default (a zero space estimate, FINALFUNC_MODIFY READ_ONLY on a normal
 * aggregate and READ_WRITE on an ordered-set one, PARALLEL UNSAFE) not written.
 *
 * @example
 * aggregateDefinition({ quoted_name: 'total', signature: 'integer', nargs: 1, agg_kind: 'n', sfunc: 'int4pl', stype: 'integer',
 *   sspace: 0, finalfunc_modify: 'r', mfinalfunc_modify: 'r', msspace: 0, parallel: 's' })
 * // 'CREATE OR REPLACE AGGREGATE total(integer) (\n    SFUNC = int4pl,\n    STYPE = integer,\n    PARALLEL = SAFE\n)'
 */
export function aggregateDefinition(row: Row): string {
  const kind = String(row['agg_kind'])
  const defaultModify = kind === 'n' ? 'r' : 'w'
  const options: string[] = []
  const option = (name: string, value: unknown, render: (v: string) => string = (v) => v) => {
    if (present(value)) options.push(`${name} = ${render(String(value))}`)
  }
  const modify = (name: string, value: unknown) => {
    if (present(value) && value !== defaultModify) options.push(`${name} = ${MODIFY[String(value)] ?? String(value)}`)
  }
  option('SFUNC', row['sfunc'])
  option('STYPE', row['stype'])
  if (Number(row['sspace']) > 0) option('SSPACE', row['sspace'])
  option('FINALFUNC', row['finalfunc'])
  if (row['finalfunc_extra'] === true) options.push('FINALFUNC_EXTRA')
  modify('FINALFUNC_MODIFY', row['finalfunc_modify'])
  option('COMBINEFUNC', row['combinefunc'])
  option('SERIALFUNC', row['serialfunc'])
  option('DESERIALFUNC', row['deserialfunc'])
  option('INITCOND', row['initcond'], postgresLiteral)
  option('MSFUNC', row['msfunc'])
  option('MINVFUNC', row['minvfunc'])
  option('MSTYPE', row['mstype'])
  if (Number(row['msspace']) > 0) option('MSSPACE', row['msspace'])
  option('MFINALFUNC', row['mfinalfunc'])
  if (row['mfinalfunc_extra'] === true) options.push('MFINALFUNC_EXTRA')
  if (present(row['msfunc'])) modify('MFINALFUNC_MODIFY', row['mfinalfunc_modify'])
  option('MINITCOND', row['minitcond'], postgresLiteral)
  option('SORTOP', row['sortop'], operator)
  option('PARALLEL', PARALLEL[String(row['parallel'])])
  if (kind === 'h') options.push('HYPOTHETICAL')
  const signature = Number(row['nargs']) === 0 && kind === 'n' ? '*' : String(row['signature'])
  return `CREATE OR REPLACE AGGREGATE ${String(row['quoted_name'])}(${signature}) (\n${options.map((o) => `    ${o}`).join(',\n')}\n)`
}
