import { DIALECT_URLS, type DialectName } from '../core/dialect-name.js'
import { quote, renderType, type RenderImports } from '../ops/render-value.js'
import type { ColumnType } from '../schema/types.js'

/*
 * This file is where the converter knows how SQLAlchemy 1.4 (Debian's, the
 * one Alembic projects were written against) spells a type on each
 * database, so that a converted script branches on `op.dialect` exactly
 * where Alembic's output differed by database. It is the one file outside
 * src/dialect/ allowed to key data by dialect name: the knowledge is
 * SQLAlchemy's, written into the scripts it produces, not athanor's own
 * behaviour.
 */

/**
 * A SQLAlchemy type that SQLAlchemy spells differently on each database
 * (`sa.DateTime` is TIMESTAMP on PostgreSQL but DATETIME on MySQL, where
 * athanor's own timestamp is DATETIME(6)): the column type for each
 * dialect, so the converted script creates what Alembic created.
 */
export type TypePerDialect = Readonly<Record<DialectName, ColumnType>>

/**
 * The converter carries such a type through the operations as a raw type
 * whose text is this prefix and the choices, encoded; only the converted
 * script's renderer reads it back, and nothing ever compiles it.
 */
const MARK = 'athanor-alembic-type:'

/**
 * A type that is one column type per dialect, or that type alone when
 * every dialect takes the same.
 *
 * @example
 * perDialect({ sqlite: { kind: 'timestamp' }, postgresql: { kind: 'timestamp' }, mysql: { kind: 'raw', sql: 'DATETIME' } }).kind // 'raw'
 */
export function perDialect(types: TypePerDialect, postgresEnum?: PostgresEnum): ColumnType {
  const names = Object.keys(DIALECT_URLS) as DialectName[]
  const first = JSON.stringify(types[names[0]!])
  if (postgresEnum === undefined && names.every((name) => JSON.stringify(types[name]) === first)) return types[names[0]!]
  const marked: Marked = { types, ...(postgresEnum === undefined ? {} : { postgresEnum }) }
  return { kind: 'raw', sql: `${MARK}${Buffer.from(JSON.stringify(marked)).toString('base64url')}` }
}

/** A PostgreSQL enum type that `create_table` creates before the table, as SQLAlchemy does. */
export interface PostgresEnum {
  readonly name: string
  readonly values: readonly string[]
}

interface Marked {
  readonly types: TypePerDialect
  readonly postgresEnum?: PostgresEnum
}

function unmark(type: ColumnType): Marked | undefined {
  if (type.kind !== 'raw' || !type.sql.startsWith(MARK)) return undefined
  return JSON.parse(Buffer.from(type.sql.slice(MARK.length), 'base64url').toString('utf8')) as Marked
}

/**
 * The PostgreSQL enum type a column's type needs created, if any.
 *
 * @example
 * const type = sqlalchemyEnum('mood', ['ok'], { kind: 'string', length: 2 }, true)
 * postgresEnumOf(type) // { name: 'mood', values: ['ok'] }
 */
export function postgresEnumOf(type: ColumnType): PostgresEnum | undefined {
  return unmark(type)?.postgresEnum
}

/**
 * Rewrites the marked types of a rendered script as expressions on
 * `op.dialect`, dialects that share a type sharing a branch.
 *
 * @example
 * import { quote, type RenderImports } from '../ops/render-value.js'
 * const imports: RenderImports = { names: new Set() }
 * const type = perDialect({ sqlite: { kind: 'text' }, postgresql: { kind: 'text' }, mysql: { kind: 'raw', sql: 'LONGTEXT' } })
 * renderPerDialectTypes(`type: t.raw(${quote(type.kind === 'raw' ? type.sql : '')})`, imports)
 * // "type: op.dialect === 'mysql' ? t.raw('LONGTEXT') : 'text'"
 */
export function renderPerDialectTypes(text: string, imports: RenderImports): string {
  const marked = new RegExp(`t\\.raw\\('${MARK}([A-Za-z0-9_-]+)'\\)`, 'g')
  return text.replace(marked, (_match, encoded: string) => {
    const { types } = unmark({ kind: 'raw', sql: `${MARK}${encoded}` })!
    const rendered = (Object.keys(DIALECT_URLS) as DialectName[]).map((name) => ({ name, code: renderType(types[name], imports) }))
    // The most common spelling goes last, as the fallback.
    const counts = new Map<string, number>()
    for (const { code } of rendered) counts.set(code, (counts.get(code) ?? 0) + 1)
    const fallback = [...counts].sort((a, b) => b[1] - a[1])[0]![0]
    const tests = rendered.filter((r) => r.code !== fallback).map((r) => `op.dialect === ${quote(r.name)} ? ${r.code} : `)
    return `${tests.join('')}${fallback}`
  })
}

/**
 * `sa.DateTime`: TIMESTAMP on PostgreSQL (with the zone when asked), the
 * MySQL spelling given (DATETIME, or DATETIME(fsp)) on MySQL, where
 * athanor's own timestamp would be DATETIME(6), and DATETIME on SQLite.
 *
 * @example
 * sqlalchemyDateTime({ kind: 'timestamp' }, 'DATETIME', 'DATETIME').kind // 'raw' (a marked choice)
 */
export function sqlalchemyDateTime(postgres: ColumnType, mysql: string, sqlite: string): ColumnType {
  return perDialect({ postgresql: postgres, mysql: { kind: 'raw', sql: mysql }, sqlite: { kind: 'raw', sql: sqlite } })
}

/**
 * A native `sa.Enum`: a named type on PostgreSQL (created by create_table
 * when `createType`), MySQL's inline ENUM, and on SQLite the VARCHAR given.
 *
 * @example
 * postgresEnumOf(sqlalchemyEnum('mood', ['ok'], { kind: 'string', length: 2 }, true)) // { name: 'mood', values: ['ok'] }
 */
export function sqlalchemyEnum(name: string, values: readonly string[], varchar: ColumnType, createType: boolean): ColumnType {
  return perDialect(
    { postgresql: { kind: 'raw', sql: name }, mysql: { kind: 'enum', values }, sqlite: varchar },
    createType ? { name, values } : undefined,
  )
}

const SERIALS: Readonly<Record<string, string>> = { integer: 'SERIAL', bigint: 'BIGSERIAL', smallint: 'SMALLSERIAL' }

/**
 * The integer key SQLAlchemy 1.4 numbers without `sa.Identity()`: SERIAL
 * (BIGSERIAL, SMALLSERIAL) on PostgreSQL, the plain type elsewhere, where
 * the column's autoincrement flag does the rest.
 *
 * @example
 * sqlalchemySerial({ kind: 'bigint' }).kind // 'raw' (BIGSERIAL on PostgreSQL)
 */
export function sqlalchemySerial(type: ColumnType): ColumnType {
  const serial = SERIALS[type.kind]
  return serial === undefined ? type : perDialect({ postgresql: { kind: 'raw', sql: serial }, mysql: type, sqlite: type })
}

/**
 * Whether a type is a numbered key's SERIAL choice, which takes the
 * autoincrement flag on MySQL only (SQLite's rowid key has none in SQLAlchemy).
 *
 * @example
 * isSerial(sqlalchemySerial({ kind: 'integer' })) // true
 */
export function isSerial(type: ColumnType): boolean {
  const marked = unmark(type)
  return marked !== undefined && marked.types.postgresql.kind === 'raw' && marked.types.postgresql.sql.endsWith('SERIAL')
}

/** The dialects on which SQLAlchemy creates an enum's type before its table: PostgreSQL's alone. */
export const ENUM_TYPE_DIALECTS: readonly DialectName[] = ['postgresql']

/**
 * The generated test that a converted script runs only on some dialects:
 * `op.dialect === 'mysql'`, or its negation.
 *
 * @example
 * autoincrementTest(true) // "op.dialect === 'mysql'"
 */
export function autoincrementTest(serial: boolean): string {
  return serial ? "op.dialect === 'mysql'" : "op.dialect !== 'sqlite'"
}

/**
 * Whether a rendered line holds a SERIAL choice (before
 * {@link renderPerDialectTypes} rewrites it).
 *
 * @example
 * const type = sqlalchemySerial({ kind: 'integer' })
 * hasSerialType(`{ name: 'id', type: t.raw('${type.kind === 'raw' ? type.sql : ''}') }`) // true
 */
export function hasSerialType(line: string): boolean {
  const marked = new RegExp(`${MARK}([A-Za-z0-9_-]+)`, 'g')
  return [...line.matchAll(marked)].some((m) => isSerial({ kind: 'raw', sql: `${MARK}${m[1]}` }))
}
