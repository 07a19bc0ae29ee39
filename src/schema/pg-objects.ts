import type { Domain } from './pg-domain.js'
import type { CompositeType } from './pg-composite.js'
import type { RangeType } from './pg-range.js'
import type { Partition } from './partitioning.js'
import { pgQuoteIdent } from './pg-identifier.js'
import type { SequenceType } from './sequence-defaults.js'
import type { SequenceValues } from './types.js'

/**
 * PostgreSQL's schema objects that live beside tables: enum types,
 * extensions and free-standing sequences. Other dialects have none of them
 * (MySQL's ENUM is a column type, see `ColumnType`).
 */

/**
 * A PostgreSQL enum type: its labels in their sort order, which is the
 * order the type compares them in.
 *
 * @example
 * const rating: EnumType = { name: 'mpaa_rating', values: ['G', 'PG', 'PG-13', 'R', 'NC-17'] }
 */
export interface EnumType {
  readonly name: string
  readonly schema?: string
  readonly values: readonly string[]
}

/**
 * A PostgreSQL extension a schema needs (`CREATE EXTENSION IF NOT EXISTS citext`).
 *
 * @example
 * const citext: Extension = { name: 'citext' }
 */
export interface Extension {
  readonly name: string
  /** The schema its objects go to; absent, the current schema. */
  readonly schema?: string
  /** Read from the catalog: `false` when PostgreSQL cannot move the extension to another schema (`ALTER EXTENSION … SET SCHEMA`). */
  readonly relocatable?: false
  /** Read from the catalog: the types the extension brings (`citext`), which move with it. */
  readonly types?: readonly string[]
}

/**
 * A sequence's options; absent ones are PostgreSQL's defaults (start 1,
 * increment 1, the type's bounds, NO CYCLE, cache 1).
 *
 * @example
 * const options: SequenceOptions = { start: 1000, increment: 10, cycle: true }
 * const small: SequenceOptions = { type: 'smallint', cycle: true }
 */
export interface SequenceOptions extends SequenceValues {
  /** The integer type it counts in (`AS integer`); bigint when absent, as PostgreSQL makes it. Its bounds are the type's. */
  readonly type?: SequenceType
  /** `table.column` the sequence goes with: dropping the column drops the sequence. */
  readonly ownedBy?: string
}

/**
 * What `ALTER SEQUENCE` changes: an option's new value, or `null` to put
 * it back to PostgreSQL's default (NO MINVALUE, OWNED BY NONE, …).
 *
 * @example
 * const changes: SequenceChanges = { increment: 5, maxValue: null }
 * const turned: SequenceChanges = { increment: -1, minValue: null, maxValue: null, start: -1, restart: true }
 */
export type SequenceChanges = { readonly [K in keyof SequenceOptions]?: SequenceOptions[K] | null } & {
  /**
   * `RESTART`: the next value is the start again. A sequence that turns to
   * count the other way needs it, as its current value lies outside its new bounds.
   */
  readonly restart?: boolean
}

/**
 * A sequence no identity or serial column owns, drawn from by name (a
 * default of `nextval('order_no')`, or the application).
 *
 * @example
 * const orderNo: Sequence = { name: 'order_no', start: 1000 }
 */
export interface Sequence extends SequenceOptions {
  readonly name: string
  readonly schema?: string
}

/**
 * The sequence after `changes`: an option set to `null` is back at its
 * default, so absent; a restart changes none of them.
 *
 * @example
 * sequenceAfter({ name: 'n', start: 5, cache: 10 }, { increment: 2, cache: null }) // { name: 'n', start: 5, increment: 2 }
 */
export function sequenceAfter(sequence: Sequence, changes: SequenceChanges): Sequence {
  const after: Record<string, unknown> = { ...sequence }
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'restart') continue
    if (value === null) delete after[key]
    else if (value !== undefined) after[key] = value
  }
  return after as unknown as Sequence
}

/**
 * The objects beside tables a schema holds, each kind in a list of its own.
 *
 * @example
 * const objects: SchemaObjects = { enums: [{ name: 'mood', values: ['sad', 'ok', 'happy'] }], extensions: [], sequences: [] }
 */
export interface SchemaObjects {
  readonly enums: readonly EnumType[]
  readonly extensions: readonly Extension[]
  readonly sequences: readonly Sequence[]
  /** Domains; absent where the dialect or the models have none. */
  readonly domains?: readonly Domain[]
  /** Partitions of partitioned tables, which are tables of the model; absent where there are none. */
  readonly partitions?: readonly Partition[]
  /** Composite types (`CREATE TYPE … AS (…)`); absent where there are none. */
  readonly composites?: readonly CompositeType[]
  /** Range types (`CREATE TYPE … AS RANGE (…)`); absent where there are none. */
  readonly ranges?: readonly RangeType[]
}

/**
 * No objects besides tables: what SQLite and MySQL always have.
 *
 * @example
 * const objects: SchemaObjects = noSchemaObjects
 */
export const noSchemaObjects: SchemaObjects = { enums: [], extensions: [], sequences: [] }

/**
 * The column type naming an enum type or domain of the models, as
 * PostgreSQL's format_type writes it (so it compares equal to the catalog):
 * schema-qualified when `schema` is given, each part quoted as quote_ident
 * quotes it: where bare text would fold or break, or is a key word that is
 * not unreserved (`"Audit Log".kind`, `"Mood"`, `"order"`; `action` stays bare).
 *
 * @example
 * pgTypeName('status', 'hr') // 'hr.status'
 * pgTypeName('Kind', 'Audit Log') // '"Audit Log"."Kind"'
 * pgTypeName('user', undefined) // '"user"'
 */
export function pgTypeName(name: string, schema: string | undefined): string {
  return schema === undefined ? pgQuoteIdent(name) : `${pgQuoteIdent(schema)}.${pgQuoteIdent(name)}`
}
