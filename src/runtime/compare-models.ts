import { withTriggersOnRetypedColumns, withTriggersReadingRecreatedViews } from '../diff/view-triggers.js'
import { withParsedReadersMadeAgain } from '../diff/parsed-routine-readers.js'
import type { DialectName } from '../core/dialect-name.js'
import { dirname, resolve } from 'node:path'
import { defaultHistoryTable } from '../config/config.js'
import { prefetchCatalog } from './catalog-prefetch.js'
import { refuseUncreatableModels, refuseUncreatableObjects } from './creatable-models.js'
import { refuseMadeKeysWithoutReferredKey } from './referred-keys.js'
import { refuseReadersOfDroppedColumns } from './dropped-column-readers.js'
import { refuseMissingTypes } from './missing-types.js'
import { objectsToCompare } from './compare-objects.js'
import { tablesElsewhere } from './tables-elsewhere.js'
import { homeSchemaOf, schemasToCreate } from './compare-schemas.js'
import { objectsAtHome, tablesAtHome } from '../diff/home-schema.js'
import { autogenerate, type RenameResolver, type TableName } from '../diff/index.js'
import { AthanorError } from '../core/errors.js'
import { loadModels } from '../models/load.js'
import type { Operation } from '../ops/operation.js'
import type { StoredCodeChanges } from '../diff/stored-code.js'
import type { ViewChanges } from '../diff/views.js'
import type { DatabaseUrl } from '../core/database-url.js'
import { readHeadsOfProject, withConnection } from './connect.js'
import { withShadowDatabase } from './shadow-database.js'
import { refuseUnresolvedSteps } from './unresolved-refusal.js'
import { compareViews } from './compare-views.js'
import { compareStoredCode, inRunOrder, recreatedRoutines } from './compare-stored-code.js'
import { routineDependents } from '../diff/routine-dependents.js'
import { loadModelStoredCode } from '../models/load-stored-code.js'
import type { StoredCode } from '../schema/stored-code.js'
import { loadModelViews } from '../models/load-views.js'
import type { View } from '../schema/view.js'
import type { SchemaObjects } from '../schema/pg-objects.js'
import { capabilitiesOf, dialectNamed, openConnection } from '../dialect/registry.js'
import type { UnmanagedObject } from '../dialect/introspector.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import type { Table } from '../schema/types.js'
import type { DatabaseOps } from '../script/multidb-body.js'
import { eachDatabase, selectDatabases } from '../config/database-selection.js'
import { openProject, type CommandOptions, type Project } from '../config/project.js'

/**
 * Options of the verbs that compare the models with the database (`check`,
 * `migrate`): the project, where the models are, and who decides renames.
 *
 * @example
 * const options: CompareOptions = { directory: 'migrations', models: 'src/models.ts' }
 * const { differences } = await checkModels(options)
 */
export interface CompareOptions extends CommandOptions {
  /** The models module; wins over the config's `models`. Relative to the working directory. */
  readonly models?: string
  /** Decides renames; without one, nothing is renamed. */
  readonly renames?: RenameResolver
  /**
   * Compare the models with the schema the migrations produce, replayed on
   * a shadow database (the config's `shadowUrl`, else SQLite or PGlite in
   * memory), without connecting to the project's database.
   */
  readonly offline?: boolean
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  )
}

/**
 * Which tables autogenerate may touch: never the version table and its
 * history table, nor those the config excludes by name or pattern.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * const include = tableFilter(await openProject({ directory: 'migrations' }))
 * include({ name: 'athanor_version' }) // false: athanor's own tables
 * include({ name: 'user' }) // true, unless excludeTables matches it
 */
export function tableFilter(project: Project): (table: TableName) => boolean {
  const history = (project.config as { historyTable?: string }).historyTable ?? defaultHistoryTable(project.versionTable)
  const own = new Set([project.versionTable.toLowerCase(), history.toLowerCase()])
  const patterns = (project.config.excludeTables ?? []).map(globToRegExp)
  return (table) => {
    if (own.has(table.name.toLowerCase())) return false
    const qualified = table.schema === undefined ? table.name : `${table.schema}.${table.name}`
    return !patterns.some((p) => p.test(table.name) || p.test(qualified))
  }
}

/** The models file: `--models`, else the config's `models` (relative to the config's folder). */
function modelsFile(project: Project, override: string | undefined): { file: string; origin: string } {
  if (override !== undefined) return { file: resolve(override), origin: '--models' }
  const configured = project.config.models
  const configFile = project.configFile ?? `${project.directory}/athanor.config.ts`
  if (configured === undefined) {
    throw new AthanorError('NO_MODELS', `no models module: set 'models' in ${configFile} or pass --models FILE`)
  }
  const file = resolve(project.configFile === undefined ? project.directory : dirname(project.configFile), configured)
  return { file, origin: `'models' in ${configFile}` }
}

/**
 * Reads the live schema through the dialect's introspector, without the
 * tables autogenerate must not touch.
 *
 * @example
 * import { withConnection } from './connect.js'
 * const url = parseDatabaseUrl('postgresql://postgres@127.0.0.1/app')
 * const tables = await withConnection(url, (connection) => readSchema(connection, (t) => !t.name.startsWith('athanor_'), ['audit']))
 * tables.map((t) => (t.schema === undefined ? t.name : `${t.schema}.${t.name}`)) // public's tables, then audit's
 */
export async function readSchema(
  connection: DatabaseConnection,
  include: (t: TableName) => boolean,
  schemas: readonly string[] = [],
  helpers: readonly DatabaseConnection[] | PromiseLike<readonly DatabaseConnection[]> = [],
): Promise<Table[]> {
  return (await dialectNamed(connection.dialect).introspect(connection, { schemas, helpers })).filter(include)
}

/** The dialect's diff hooks, refined by what the server behind `connection` reports. */
function serverHooks(connection: DatabaseConnection): Promise<DiffHooks> {
  const dialect = dialectNamed(connection.dialect)
  return dialect.serverDiffHooks?.(connection) ?? Promise.resolve(dialect.diffHooks)
}

/**
 * The extra connections a dialect reads its catalog on side by side
 * (`capabilities.catalogConnections`). A server that refuses them only
 * makes the read sequential.
 */
async function catalogHelpers(url: DatabaseUrl): Promise<DatabaseConnection[]> {
  const wanted = capabilitiesOf(url).catalogConnections
  const opened = await Promise.allSettled(Array.from({ length: wanted }, () => openConnection(url)))
  return opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
}

/**
 * One database compared: the operations that bring it to the models, and
 * what it holds that the models cannot represent, which no migration touches.
 */
export interface ComparedDatabase extends DatabaseOps {
  readonly unmanaged: readonly UnmanagedObject[]
  /** The dialect of the catalog compared (the shadow's, offline): what its operations are written for. */
  readonly dialect: DialectName
  /** Tables of schemas the models do not name that were offered as the old side of a move (see the diff options). */
  readonly elsewhere: readonly TableName[]
}

/**
 * The operations that bring the database to the models, the shared core of
 * `migrate`, `revision --autogenerate` and `check`. Like Alembic, it refuses
 * a database that is not at the head revisions: the diff would otherwise
 * repeat what an unapplied script already does. With several databases,
 * each is compared with the tables bound to it. `databases` holds the
 * result of each (one entry for a single database); `ops` is all of them in
 * order.
 *
 * @example
 * const { ops } = await compareModels({ directory: 'migrations' })
 */
export async function compareModels(
  options: CompareOptions,
): Promise<{ ops: Operation[]; project: Project; databases: ComparedDatabase[]; modelTables?: readonly Table[] }> {
  const project = await openProject(options)
  const { file, origin } = modelsFile(project, options.models)
  const loading = loadModels(file, origin)
  // Handled below; this only keeps an early failure elsewhere from leaving it unobserved.
  loading.catch(() => undefined)
  if (project.databases === undefined) {
    const unbound = loading.then((models) => refuseBoundTables(project, models))
    // Awaited by compareOne once the catalog is read; an early failure must not go unobserved until then.
    unbound.catch(() => undefined)
    const compared = await compareOne(project, unbound, options)
    refuseUnmatchedRenames(options.renames)
    return { ops: compared.ops, project, databases: [compared], modelTables: await unbound }
  }
  const models = refuseUnknownBinds(project, await loading)
  const databases = await eachDatabase(selectDatabases(project, options), (view) =>
    compareOne(view, Promise.resolve(tablesOfDatabase(models, view)), options),
  )
  refuseUnmatchedRenames(options.renames)
  return { ops: databases.flatMap((d) => d.ops), project, databases }
}

/**
 * The model tables of one database of the project (all of them for a
 * project with one database), or `undefined` when it names no models module.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * const project = await openProject({ directory: 'migrations' })
 * const tables = await modelsOfDatabase(project.forDatabase('db1')) // the tables bound to db1
 */
export async function modelsOfDatabase(project: Project, override?: string): Promise<readonly Table[] | undefined> {
  if (override === undefined && project.config.models === undefined) return undefined
  const { file, origin } = modelsFile(project, override)
  const models = await loadModels(file, origin)
  return project.databases === undefined
    ? refuseBoundTables(project, models)
    : tablesOfDatabase(refuseUnknownBinds(project, models), project)
}

/**
 * The operations that would bring the database behind `connection` to the
 * models: what `check` reports, for a database read on a connection of the caller's.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * import { openConnection } from '../dialect/registry.js'
 * const project = await openProject({ directory: 'migrations' })
 * const models = (await modelsOfDatabase(project)) ?? []
 * const ops = await diffWithModels(await openConnection(project.databaseUrl()), project, models)
 */
export async function diffWithModels(connection: DatabaseConnection, project: Project, tables: readonly Table[]): Promise<Operation[]> {
  const include = tableFilter(project)
  const own = await homeSchemaOf(dialectNamed(connection.dialect), connection, project)
  const models = tablesAtHome(tables, own)
  const { views: modelViews, code: modelCode } = objectsAtHome(
    { views: await modelViewsOf(project, undefined), code: await modelStoredCodeOf(project, undefined) },
    own,
  )
  const schemas = [...new Set(models.map((t) => t.schema).filter((s): s is string => s !== undefined))]
  const current = await readSchema(connection, include, schemas)
  const hooks = await serverHooks(connection)
  const allOps = await autogenerate(current, models, { hooks, include })
  const compared = await compareStoredCode(connection, modelCode, include, schemas)
  const code = hooks.readersHoldColumnTypes ? withTriggersOnRetypedColumns(compared, allOps) : compared
  const around = routineDependents(recreatedRoutines(code), { tables: current }, { tables: models.filter(include) }, allOps, hooks)
  const { tableOps } = around
  // A view calling a routine that is dropped and created goes and comes back around it, as around a changed table.
  const changing = [...tableOps, ...code.dropRoutines]
  const views = await compareViews(connection, modelViews, changing, include, schemas)
  return inRunOrder(readersMadeAgain(code, tableOps, views, hooks), views, tableOps, around)
}

/**
 * The models of a project with one database (or of `--all`, where every
 * database takes the same ones): a table bound to a database is refused.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * const models = await loadUnboundModels(await openProject({ directory: 'migrations' }), {})
 */
export function loadUnboundModels(project: Project, options: CompareOptions): Promise<readonly Table[]> {
  // Resolved now, so a missing models setting is refused before any database is read.
  const { file, origin } = modelsFile(project, options.models)
  return loadModels(file, origin).then((models) => refuseBoundTables(project, models))
}

function refuseBoundTables(project: Project, models: readonly Table[]): readonly Table[] {
  const bound = models.find((t) => t.bind !== undefined)
  if (bound !== undefined) {
    throw new AthanorError(
      'NOT_MULTIDB',
      `model table "${bound.name}" has bind '${bound.bind}', but ${project.configFile ?? 'the config'} declares no databases`,
    )
  }
  return models
}

function refuseUnknownBinds(project: Project, models: readonly Table[]): readonly Table[] {
  const names = project.databases ?? []
  const unknown = models.find((t) => t.bind !== undefined && !names.includes(t.bind))
  if (unknown !== undefined) {
    throw new AthanorError(
      'UNKNOWN_DATABASE',
      `model table "${unknown.name}" has bind '${unknown.bind}', ` +
        `which is not a database of ${project.configFile ?? 'the config'} (${names.join(', ')})`,
    )
  }
  return models
}

/** A database's tables: those bound to it, or unbound ones for the default (first) database. */
function tablesOfDatabase(models: readonly Table[], view: Project): Table[] {
  const names = view.databases ?? []
  return models.filter((t) => (t.bind ?? names[0]) === view.database).map(({ bind: _bind, ...table }) => table)
}

// A rename that matched nothing would otherwise leave the drop and the add
// it was meant to replace: the data loss the flag was given to prevent.
function refuseUnmatchedRenames(renames: RenameResolver | undefined): void {
  const unmatched = renames?.unmatched?.() ?? []
  if (unmatched.length > 0) {
    throw new AthanorError(
      'RENAME_NOT_MATCHED',
      `${unmatched.join(', ')} matches no table, partition, sequence or column that the models drop and add; ` +
        'check the names (OLD:NEW, the table as the models name it)',
    )
  }
}

/**
 * Loading a large TypeScript models module and reading the catalog both take
 * a while; the catalog of the connection's own schema is read while the
 * models load, and only models in other schemas cost a second read.
 * Offline, the catalog is the shadow database's, at the heads by construction.
 */
export async function compareOne(project: Project, loading: Promise<readonly Table[]>, options: CompareOptions): Promise<ComparedDatabase> {
  if (options.offline === true) return withShadowDatabase(project, (connection) => diffWith(connection, [], loading, project, options))
  const scripts = await project.scripts()
  const url = project.databaseUrl()
  return withConnection(url, async (connection) => {
    const helpers = catalogHelpers(url)
    try {
      return await diffWith(connection, helpers, loading, project, options, async () => {
        // Both sent at once, ahead of the catalog reads queued behind them on this connection.
        const reading = readHeadsOfProject(connection, project)
        reading.catch(() => undefined)
        await refuseUnresolvedSteps(connection, project, scripts)
        const heads = await reading
        // A row whose script is gone is no reason to upgrade, which refuses it too.
        scripts.graph.checkHeads(heads)
        const expected = [...scripts.graph.heads].sort()
        if (heads.join(',') !== expected.join(',')) {
          throw new AthanorError(
            'NOT_UP_TO_DATE',
            `the database is at ${heads.join(', ') || 'base'}, not at head (${expected.join(', ') || 'base'}); run 'athanor upgrade' first`,
          )
        }
      })
    } finally {
      for (const helper of await helpers) await helper.close().catch(() => undefined)
    }
  })
}

/** The catalog behind `connection` compared with the models, once `ready` (the heads check) has passed. */
async function diffWith(
  connection: DatabaseConnection,
  helpers: Promise<DatabaseConnection[]> | readonly DatabaseConnection[],
  loading: Promise<readonly Table[]>,
  project: Project,
  options: CompareOptions,
  ready: () => Promise<void> = async () => {},
): Promise<ComparedDatabase> {
  const include = tableFilter(project)
  const dialect = dialectNamed(connection.dialect)
  // The small reads go first on the connection, so that the models are checked while the server reads the catalog
  // rather than after it: a query waits behind every one sent before it.
  const homeSchema = homeSchemaOf(dialect, connection, project)
  homeSchema.catch(() => undefined)
  const readied = ready()
  readied.catch(() => undefined)
  // Begun at once: the introspector starts on the connection while the helpers open.
  const reading = readSchema(connection, include, [], helpers)
  reading.catch(() => undefined)
  const hooks = serverHooks(connection)
  hooks.catch(() => undefined)
  const early = prefetchCatalog(dialect, connection, defaultDatabaseModels(project, options.models) !== undefined)
  await readied
  // A model naming the connection's own schema ({ schema: 'public' }) is compared as the catalog reads that schema: unnamed.
  const own = await homeSchema
  const models = tablesAtHome(await loading, own)
  refuseUncreatableModels(models.filter(include), dialect.compiler, dialect.diffHooks)
  const schemas = [...new Set(models.map((t) => t.schema).filter((s): s is string => s !== undefined))]
  const home = await reading
  const current = schemas.length === 0 ? home : await readSchema(connection, include, schemas)
  const renames = options.renames
  const read = await objectsToCompare(dialect, connection, project, modelsFile(project, options.models).file, schemas)
  const objects =
    read === undefined
      ? read
      : {
          ...read,
          target: objectsAtHome({ objects: read.target }, own).objects ?? read.target,
          ...(own === undefined ? {} : { home: own }),
        }
  refuseUncreatableObjects({ sequences: objects?.target.sequences ?? [] }, dialect.compiler)
  const elsewhere = await tablesElsewhere(dialect, connection, { models, current, schemas }, include)
  const allOps = await autogenerate(current, models, {
    hooks: await hooks,
    include,
    ...(renames ? { renames } : {}),
    ...(objects === undefined ? {} : { objects }),
    ...(elsewhere.length === 0 ? {} : { elsewhere }),
  })
  refuseMadeKeysWithoutReferredKey(models.filter(include), allOps, dialect.diffHooks)
  refuseReadersOfDroppedColumns(models.filter(include), allOps, dialect.diffHooks)
  const { views: modelViews, code: modelCode } = objectsAtHome(
    { views: await modelViewsOf(project, options.models), code: await modelStoredCodeOf(project, options.models) },
    own,
  )
  refuseUncreatableObjects({ views: (modelViews ?? []).filter((v) => include(v)) }, dialect.compiler)
  // Offline the catalog is the shadow's, which has only what the migrations make: the target's is not at hand.
  if (options.offline !== true) {
    await refuseMissingTypes(dialect, connection, {
      tables: models.filter(include),
      ...(modelViews === undefined ? {} : { views: modelViews }),
      ...(objects === undefined ? {} : { objects }),
    })
  }
  const compared = await compareStoredCode(connection, modelCode, include, schemas, early)
  const code = (await hooks).readersHoldColumnTypes ? withTriggersOnRetypedColumns(compared, allOps) : compared
  // What calls a routine that is dropped and created steps aside while it is gone.
  const around = routineDependents(
    recreatedRoutines(code),
    { tables: current, domains: objects?.current.domains },
    { tables: models.filter(include), domains: objects?.target.domains },
    allOps,
    await hooks,
  )
  const { tableOps } = around
  // A view calling a routine that is dropped and created goes and comes back around it, as around a changed table.
  const changing = [...tableOps, ...code.dropRoutines]
  const comparingViews = (on: DatabaseConnection) => compareViews(on, modelViews, changing, include, schemas, early)
  // The views (normalising one creates it for a moment) go on a helper connection where there is one, beside the
  // objects not managed on this one: the server works on both at once. Without a helper, in turn: a normalisation
  // inside another's transaction on one session could end that transaction.
  const [helper] = await helpers
  // What is not managed is read in every schema the models name: a type, sequence or view of a schema no table is in is
  // the models', not something the tables use from a schema left unread.
  const named = [...new Set([...schemas, ...schemasNamed(objects?.target, modelViews, modelCode)])]
  const notManaged = () => early.unmanaged(named) ?? dialect.unmanaged(connection, { schemas: named })
  const [views, unmanaged] =
    helper === undefined
      ? [await comparingViews(connection), await notManaged()]
      : await Promise.all([comparingViews(helper), notManaged()])
  // The schemas the models name and the database lacks come before anything in them, even a routine the tables call.
  const creates = await schemasToCreate(dialect, connection, project, {
    tables: models.filter(include),
    ...(modelViews === undefined ? {} : { views: modelViews.filter((v) => include(v)) }),
    ...(modelCode === undefined ? {} : { code: modelCode }),
    ...(objects === undefined ? {} : { objects: objects.target }),
  })
  const ops = [...creates, ...inRunOrder(readersMadeAgain(code, tableOps, views, await hooks), views, tableOps, around)]
  return { ops, unmanaged: unmanaged.filter((o) => include({ name: o.name })), dialect: dialect.name, elsewhere }
}

/** The schemas the models' objects besides tables name (at home: unnamed), each once. */
function schemasNamed(objects: SchemaObjects | undefined, views: readonly View[] | undefined, code: StoredCode | undefined): string[] {
  const all = [
    ...(objects === undefined
      ? []
      : [
          ...objects.enums,
          ...objects.sequences,
          ...(objects.domains ?? []),
          ...(objects.composites ?? []),
          ...(objects.ranges ?? []),
          ...(objects.partitions ?? []),
        ]),
    ...(views ?? []),
    ...(code?.routines ?? []),
    ...(code?.triggers ?? []),
  ]
  return all.flatMap((o) => (o.schema === undefined ? [] : [o.schema]))
}

/**
 * The models' views for the database `project` is the view of: all of them
 * for a project with one database or for its default (first) database;
 * `undefined` for the others, whose views the models do not describe.
 */
async function modelViewsOf(project: Project, override: string | undefined): Promise<View[] | undefined> {
  const file = defaultDatabaseModels(project, override)
  return file === undefined ? undefined : loadModelViews(file)
}

/** The models' triggers and routines for the database `project` is the view of, as {@link modelViewsOf} decides. */
async function modelStoredCodeOf(project: Project, override: string | undefined): Promise<StoredCode | undefined> {
  const file = defaultDatabaseModels(project, override)
  return file === undefined ? undefined : loadModelStoredCode(file)
}

/** The models file when its objects beside tables belong to this database (one database, or the default one). */
function defaultDatabaseModels(project: Project, override: string | undefined): string | undefined {
  const names = project.databases ?? []
  if (project.database !== undefined && project.database !== names[0]) return undefined
  if (override === undefined && project.config.models === undefined) return undefined
  return modelsFile(project, override).file
}

/**
 * `code` with the routines and triggers that read what the migration
 * changes dropped before the change and made again after it, where the
 * dialect checks them against it: PostgreSQL's parsed readers of a
 * retyped column, SQLite's triggers reading a view made again.
 */
function readersMadeAgain(
  code: StoredCodeChanges,
  tableOps: readonly Operation[],
  views: ViewChanges,
  hooks: DiffHooks,
): StoredCodeChanges {
  const parsed = hooks.readersHoldColumnTypes ? withParsedReadersMadeAgain(code, tableOps, views.before) : code
  return hooks.triggersCheckedOnRename ? withTriggersReadingRecreatedViews(parsed, views) : parsed
}
