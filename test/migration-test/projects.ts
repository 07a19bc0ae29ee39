import type { DialectName } from '../../src/core/dialect-name.js'
import { testServerUrl } from '../helpers/databases.js'
import { buildProject, type Project, type RevisionDef } from '../helpers/project.js'

/**
 * Small projects for `athanor test`, each with one flaw the command must
 * find (or none). Their ops are the portable ones, so each runs on every
 * dialect; strings have a length, as MySQL wants.
 */

const USERS = [
  "  await op.createTable('users', [",
  "    { name: 'id', type: 'integer', primaryKey: true },",
  "    { name: 'name', type: t.string(100), nullable: false },",
  '  ])',
].join('\n')

const HEADER = "import { t } from 'athanor'"

function revision(id: string, down: string | readonly string[] | null, message: string, upgrade: string, downgrade: string): RevisionDef {
  return { id, down, message, upgrade, downgrade, extra: HEADER }
}

const createUsers = revision('a1000000001', null, 'create users', USERS, "  await op.dropTable('users')")

const addEmail = (downgrade: string) =>
  revision('b2000000002', 'a1000000001', 'add email', "  await op.addColumn('users', { name: 'email', type: t.string(120) })", downgrade)

const indexName = (downgrade: string) =>
  revision('c3000000003', 'b2000000002', 'index names', "  await op.createIndex('ix_users_name', 'users', ['name'])", downgrade)

const SEED = [
  'export async function testData(op: Operations): Promise<void> {',
  "  await op.bulkInsert('users', [{ id: 1, name: 'ada' }, { id: 2, name: 'grace' }])",
  '}',
].join('\n')

/** Three revisions that undo themselves, with rows seeded after the first. */
export const SOUND: readonly RevisionDef[] = [
  { ...createUsers, extra: `${HEADER}\n\n${SEED}` },
  addEmail("  await op.dropColumn('users', 'email')"),
  indexName("  await op.dropIndex('ix_users_name', { table: 'users' })"),
]

/** Models matching {@link SOUND}. */
export const SOUND_MODELS = [
  "import { col, defineModels, index, table } from 'athanor'",
  '',
  "export const users = table('users', {",
  '  id: col.integer().primaryKey(),',
  '  name: col.string(100).notNull(),',
  '  email: col.string(120),',
  "}, { indexes: [index(['name'], { name: 'ix_users_name' })] })",
  '',
  'export default defineModels(users)',
  '',
].join('\n')

/** The models with a column no migration adds. */
export const DRIFTED_MODELS = SOUND_MODELS.replace('  email: col.string(120),', '  email: col.string(120),\n  phone: col.string(20),')

/** Two revisions on top of the first, each a head. */
export const TWO_HEADS: readonly RevisionDef[] = [
  SOUND[0]!,
  addEmail("  await op.dropColumn('users', 'email')"),
  revision(
    'd4000000004',
    'a1000000001',
    'add phone',
    "  await op.addColumn('users', { name: 'phone', type: t.string(20) })",
    "  await op.dropColumn('users', 'phone')",
  ),
]

/** The second revision's downgrade forgets its column. */
export const FORGETS_COLUMN: readonly RevisionDef[] = [SOUND[0]!, addEmail('  // forgot to drop the column'), SOUND[2]!]

/** The third revision's downgrade forgets its index. */
export const FORGETS_INDEX: readonly RevisionDef[] = [SOUND[0]!, SOUND[1]!, indexName('  // forgot to drop the index')]

/**
 * Two branches from the first revision, merged: one creates a table, the
 * other adds a column to it, so that branch fails when it goes first.
 */
export const CONFLICTING_MERGE: readonly RevisionDef[] = [
  SOUND[0]!,
  revision(
    'e5000000005',
    'a1000000001',
    'create teams',
    "  await op.createTable('teams', [{ name: 'id', type: 'integer', primaryKey: true }])",
    "  await op.dropTable('teams')",
  ),
  revision(
    'f6000000006',
    'a1000000001',
    'name teams',
    "  await op.addColumn('teams', { name: 'name', type: t.string(50) })",
    "  await op.dropColumn('teams', 'name')",
  ),
  revision('a7000000007', ['e5000000005', 'f6000000006'], 'merge teams', '  // a merge', '  // a merge'),
]

/** The third revision makes a view its downgrade forgets. */
export const FORGETS_VIEW: readonly RevisionDef[] = [
  SOUND[0]!,
  SOUND[1]!,
  revision(
    'c3000000003',
    'b2000000002',
    'view of names',
    "  await op.execute('CREATE VIEW user_names AS SELECT name FROM users')",
    '  // forgot the view',
  ),
]

/** SQLite: a column an unnamed check reads is renamed, which rewrites the check's text with the name quoted. */
export const RENAMES_CHECKED_COLUMN: readonly RevisionDef[] = [
  revision(
    'a1000000001',
    null,
    'create stock',
    "  await op.execute('CREATE TABLE stock (id INTEGER PRIMARY KEY, qty INTEGER CHECK (qty >= 0))')",
    "  await op.dropTable('stock')",
  ),
  revision(
    'b2000000002',
    'a1000000001',
    'rename qty',
    "  await op.alterColumn('stock', 'qty', { newName: 'amount' })",
    "  await op.alterColumn('stock', 'amount', { newName: 'qty' })",
  ),
]

/** PostgreSQL: the second revision makes an enum type its downgrade forgets. */
export const FORGETS_ENUM: readonly RevisionDef[] = [
  SOUND[0]!,
  revision(
    'b2000000002',
    'a1000000001',
    'add mood',
    "  await op.execute(\"CREATE TYPE mood AS ENUM ('sad', 'happy')\")",
    '  // forgot the type',
  ),
]

/** The second revision adds a NOT NULL column without a default: fine on an empty table, not on seeded rows (PostgreSQL). */
export function requiredColumn(seeded: boolean): RevisionDef[] {
  return [
    seeded ? SOUND[0]! : createUsers,
    revision(
      'b2000000002',
      'a1000000001',
      'add age',
      "  await op.addColumn('users', { name: 'age', type: 'integer', nullable: false })",
      "  await op.dropColumn('users', 'age')",
    ),
  ]
}

/** The index exists only when the migrations run live: the --sql script lacks it. */
export const LIVE_ONLY_INDEX: readonly RevisionDef[] = [
  SOUND[0]!,
  SOUND[1]!,
  indexName("  await op.dropIndex('ix_users_name', { table: 'users' })"),
].map((def) =>
  def.id === 'c3000000003'
    ? {
        ...def,
        upgrade: "  if (!op.isOffline) await op.createIndex('ix_users_name', 'users', ['name'])",
        downgrade: "  if (!op.isOffline) await op.dropIndex('ix_users_name', { table: 'users' })",
      }
    : def,
)

/**
 * The third revision builds its index concurrently, outside a transaction, as
 * migrate writes it for a table that exists (PostgreSQL's CREATE INDEX
 * CONCURRENTLY refuses a transaction block; the other dialects ignore the option).
 */
export const CONCURRENT_INDEX: readonly RevisionDef[] = [
  SOUND[0]!,
  SOUND[1]!,
  {
    ...indexName("  await op.dropIndex('ix_users_name', { table: 'users', concurrently: true, ifExists: true })"),
    upgrade: "  await op.createIndex('ix_users_name', 'users', ['name'], { concurrently: true, ifNotExists: true })",
    extra: `${HEADER}\n\nexport const transactional = false`,
  },
]

/** The second revision's --sql form fails inside its transaction, after a statement that works: the live run never sends it. */
export const OFFLINE_FAILS: readonly RevisionDef[] = [
  SOUND[0]!,
  {
    ...SOUND[1]!,
    upgrade: [
      "  await op.addColumn('users', { name: 'email', type: t.string(120) })",
      "  if (op.isOffline) await op.execute('INSERT INTO no_such_table VALUES (1)')",
    ].join('\n'),
  },
]

/** A project of these revisions (and models, when given) whose `--url` names the dialect's test server (SQLite: a file never created). */
export function testProject(dialect: DialectName, revisions: readonly RevisionDef[], models?: string): Project & { args: string[] } {
  const project = buildProject(revisions)
  const url = dialect === 'sqlite' ? project.url : testServerUrl(dialect)
  if (models !== undefined) {
    project.writeRaw('../models.ts', models)
    project.config("import { defineConfig } from 'athanor'\n\nexport default defineConfig({ models: './models.ts' })\n")
  }
  return Object.assign(project, { args: ['-d', project.migrations, '--url', url] })
}
