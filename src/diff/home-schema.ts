import { pgTypeName, type SchemaObjects } from '../schema/pg-objects.js'
import type { StoredCode } from '../schema/stored-code.js'
import type { Column, Table } from '../schema/types.js'
import type { View } from '../schema/view.js'

type Named = { readonly schema?: string | undefined }

/** `o` without its `schema` when that is `home`: the catalog reads the connection's own schema as no schema. */
function unqualified<T extends Named>(o: T, home: string): T {
  if (o.schema !== home) return o
  const { schema: _schema, ...rest } = o
  return rest as T
}

/** `pgEnum(…, { schema: home }).column()` is the type `home.name` (see pgTypeName), which the catalog reads as `name`. */
function columnAtHome(column: Column, home: string): Column {
  const prefix = `${pgTypeName(home, undefined)}.`
  if (column.type.kind !== 'raw' || !column.type.sql.startsWith(prefix)) return column
  const rest = column.type.sql.slice(prefix.length)
  return /^([a-z_][a-z0-9_$]*|"([^"]|"")+")(\[\])*$/.test(rest) ? { ...column, type: { kind: 'raw', sql: rest } } : column
}

/**
 * The model tables with the connection's own schema (`home`: `public`, or
 * the URL's `?schema=`) spelled out nowhere: a table's `schema`, a foreign
 * key's `referredSchema` and an enum or domain column's type. The catalog
 * reads that schema's objects with no schema, so a model naming it
 * (`{ schema: 'public' }`) compares equal to them and is never created
 * again. Without a `home` (a dialect with no schemas), the tables as given.
 *
 * @example
 * tablesAtHome([{ name: 'log', schema: 'public', columns: [] }], 'public') // [{ name: 'log', columns: [] }]
 */
export function tablesAtHome(tables: readonly Table[], home: string | undefined): readonly Table[] {
  if (home === undefined) return tables
  return tables.map((table) => {
    const foreignKeys = table.foreignKeys?.map((fk) => (fk.referredSchema === home ? (({ referredSchema: _s, ...rest }) => rest)(fk) : fk))
    return {
      ...unqualified(table, home),
      columns: table.columns.map((column) => columnAtHome(column, home)),
      ...(foreignKeys === undefined ? {} : { foreignKeys }),
    }
  })
}

/**
 * The models' views, triggers, routines and PostgreSQL objects with the
 * connection's own schema left out, as {@link tablesAtHome} does for tables.
 *
 * @example
 * objectsAtHome({ views: [{ name: 'v', schema: 'app', definition: 'SELECT 1' }] }, 'app').views // [{ name: 'v', definition: 'SELECT 1' }]
 */
export function objectsAtHome(
  models: { readonly views?: View[] | undefined; readonly code?: StoredCode | undefined; readonly objects?: SchemaObjects | undefined },
  home: string | undefined,
): { views?: View[]; code?: StoredCode; objects?: SchemaObjects } {
  const { views, code, objects } = models
  const at = <T extends Named>(list: readonly T[]) => list.map((o) => (home === undefined ? o : unqualified(o, home)))
  return {
    ...(views === undefined ? {} : { views: at(views) }),
    ...(code === undefined ? {} : { code: { ...code, triggers: at(code.triggers), routines: at(code.routines) } }),
    ...(objects === undefined
      ? {}
      : {
          objects: {
            ...objects,
            enums: at(objects.enums),
            sequences: at(objects.sequences),
            ...(objects.domains === undefined ? {} : { domains: at(objects.domains) }),
            ...(objects.composites === undefined ? {} : { composites: at(objects.composites) }),
            ...(objects.ranges === undefined ? {} : { ranges: at(objects.ranges) }),
            ...(objects.partitions === undefined
              ? {}
              : {
                  // Without parentSchema the parent is in the partition's schema: a home parent of a partition
                  // elsewhere keeps its schema's name.
                  partitions: at(objects.partitions).map((p) =>
                    p.parentSchema === home && p.schema === undefined ? (({ parentSchema: _s, ...rest }) => rest)(p) : p,
                  ),
                }),
          },
        }),
  }
}
