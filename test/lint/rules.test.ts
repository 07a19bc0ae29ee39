import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { DialectName } from '../../src/core/dialect-name.js'
import { dialectNamed } from '../../src/dialect/registry.js'
import { lintProjects, type Migration } from './lint-project.js'

const lint = lintProjects()

const NON_TRANSACTIONAL = 'export const transactional = false'
const exec = (...statements: string[]) => statements.map((sql) => `  await op.execute(${JSON.stringify(sql)})`).join('\n')
const body = (upgrade: string, extra?: string): Migration => (extra === undefined ? { upgrade } : { upgrade, extra })

/** One rule on one dialect: a migration it must flag, and a safe variant it must not. */
interface RuleCase {
  readonly code: string
  readonly flagged: Migration
  readonly safe: Migration
  /** Over the assumed server version. */
  readonly serverVersion?: string
}

const STRING_20 = "{ name: 'email', type: { kind: 'string', length: 20 } }"
const ENUM_AB = "{ name: 'email', type: { kind: 'enum', values: ['a', 'b'] } }"
const addAge = "  await op.addColumn('users', { name: 'score', type: 'integer' })"

/** Cases whose SQL and verdict are the same on every dialect. */
const EVERYWHERE: readonly RuleCase[] = [
  { code: 'drop-table', flagged: body("  await op.dropTable('orders')"), safe: body(addAge) },
  { code: 'rename-table', flagged: body("  await op.renameTable('orders', 'purchases')"), safe: body(addAge) },
  {
    code: 'backfill-with-ddl',
    flagged: body(`${addAge}\n${exec('UPDATE users SET score = 0')}`),
    safe: body(exec('UPDATE users SET score = 0')),
  },
  {
    code: 'non-idempotent',
    flagged: body(exec('CREATE TABLE a (id int PRIMARY KEY)', 'CREATE TABLE b (id int PRIMARY KEY)'), NON_TRANSACTIONAL),
    safe: body(
      exec('CREATE TABLE IF NOT EXISTS a (id int PRIMARY KEY)', 'CREATE TABLE IF NOT EXISTS b (id int PRIMARY KEY)'),
      NON_TRANSACTIONAL,
    ),
  },
]

const numeric = (scale: number) => `{ kind: 'numeric', precision: 10, scale: ${scale} }`
const retotal = (from: number, to: number) =>
  body(`  await op.alterColumn('orders', 'total', { type: ${numeric(to)}, existing: { name: 'total', type: ${numeric(from)} } })`)

/** The same on both servers (SQLite has no TRUNCATE, CASCADE, and every table has a rowid; it keeps a value whatever the type). */
const SERVERS: readonly RuleCase[] = [
  { code: 'rounding-type-change', flagged: retotal(3, 2), safe: retotal(3, 4) },
  { code: 'truncate', flagged: body(exec('TRUNCATE orders')), safe: body(exec('DELETE FROM orders WHERE id < 100')) },
  { code: 'cascade', flagged: body(exec('DROP TABLE orders CASCADE')), safe: body(exec('DROP TABLE orders')) },
  {
    // A foreign key's ON DELETE CASCADE is an action on rows, not a drop.
    code: 'cascade',
    flagged: body(exec('ALTER TABLE orders DROP COLUMN user_id CASCADE')),
    safe: body(
      exec('ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE'),
    ),
  },
  {
    code: 'table-without-primary-key',
    flagged: body("  await op.createTable('audit', [{ name: 'note', type: 'text' }])"),
    safe: body("  await op.createTable('audit', [{ name: 'id', type: 'integer', primaryKey: true }])"),
  },
]

const POSTGRESQL: readonly RuleCase[] = [
  // A table moved to another schema is gone under its old name just as a renamed one is.
  {
    code: 'rename-table',
    flagged: body("  await op.setTableSchema('orders', 'archive', { schema: 'public' })"),
    safe: body(exec('ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0')),
  },
  {
    code: 'create-index-blocking',
    flagged: body("  await op.createIndex('ix', 'users', ['email'])"),
    safe: body(exec('CREATE INDEX CONCURRENTLY ix ON users (email)'), NON_TRANSACTIONAL),
  },
  {
    // A materialized view made in the same migration is empty, and read by nobody yet: its indexes block no one.
    code: 'create-index-blocking',
    flagged: body("  await op.createIndex('ix_n', 'totals', ['n'])"),
    safe: body(
      "  await op.createView('totals', 'SELECT count(*) AS n FROM users', " +
        "{ materialized: true, indexes: [{ name: 'ux_n', columns: ['n'], unique: true }] })\n" +
        exec('CREATE MATERIALIZED VIEW reports.counts AS SELECT 1 AS n', 'CREATE INDEX ix_counts ON reports.counts (n)'),
    ),
  },
  {
    code: 'drop-index-blocking',
    flagged: body("  await op.dropIndex('ix_old', { table: 'users' })"),
    safe: body(exec('DROP INDEX CONCURRENTLY ix_old'), NON_TRANSACTIONAL),
  },
  {
    code: 'concurrently-in-transaction',
    flagged: body(exec('CREATE INDEX CONCURRENTLY ix ON users (email)')),
    safe: body(exec('CREATE INDEX CONCURRENTLY ix ON users (email)'), NON_TRANSACTIONAL),
  },
  {
    code: 'add-foreign-key',
    flagged: body("  await op.createForeignKey('fk', 'orders', 'users', ['user_id'], ['id'])"),
    safe: body(exec('ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID')),
  },
  {
    code: 'add-check-constraint',
    flagged: body("  await op.createCheckConstraint('ck', 'users', 'age > 0')"),
    safe: body(exec('ALTER TABLE users ADD CONSTRAINT ck CHECK (age > 0) NOT VALID')),
  },
  {
    code: 'set-not-null',
    flagged: body("  await op.alterColumn('users', 'age', { nullable: false })"),
    safe: body(exec('ALTER TABLE users ADD CONSTRAINT age_nn CHECK (age IS NOT NULL) NOT VALID')),
  },
  {
    code: 'not-null-without-default',
    flagged: body("  await op.addColumn('users', { name: 'score', type: 'integer', nullable: false })"),
    safe: body("  await op.addColumn('users', { name: 'score', type: 'integer', nullable: false, serverDefault: 0 })"),
  },
  {
    code: 'volatile-default',
    flagged: body(
      "  await op.addColumn('users', { name: 'token', type: 'uuid', serverDefault: { kind: 'expression', sql: 'gen_random_uuid()' } })",
    ),
    safe: body("  await op.addColumn('users', { name: 'plan', type: 'text', serverDefault: 'free' })"),
  },
  {
    code: 'volatile-default',
    serverVersion: '10.4',
    flagged: body("  await op.addColumn('users', { name: 'plan', type: 'text', serverDefault: 'free' })"),
    safe: body("  await op.addColumn('users', { name: 'plan', type: 'text' })"),
  },
  { code: 'add-column-rewrite', flagged: body(exec('ALTER TABLE users ADD COLUMN n BIGSERIAL')), safe: body(addAge) },
  {
    code: 'column-type-change',
    flagged: body("  await op.alterColumn('users', 'age', { type: 'bigint', existing: { name: 'age', type: 'integer' } })"),
    safe: body(`  await op.alterColumn('users', 'email', { type: { kind: 'string', length: 40 }, existing: ${STRING_20} })`),
  },
  {
    code: 'enum-change',
    flagged: body(exec("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'")),
    safe: body(exec("ALTER TYPE mood ADD VALUE 'calm'")),
  },
  {
    code: 'unique-constraint-direct',
    flagged: body("  await op.createUniqueConstraint('uq', 'users', ['email'])"),
    safe: body(exec('ALTER TABLE users ADD CONSTRAINT uq UNIQUE USING INDEX ix_email')),
  },
  {
    code: 'primary-key-direct',
    flagged: body(exec('ALTER TABLE events ADD PRIMARY KEY (id)')),
    safe: body(exec('ALTER TABLE events ADD CONSTRAINT pk PRIMARY KEY USING INDEX ix_events')),
  },
  { code: 'drop-column', flagged: body("  await op.dropColumn('users', 'age')"), safe: body(addAge) },
  { code: 'rename-column', flagged: body("  await op.alterColumn('users', 'email', { newName: 'mail' })"), safe: body(addAge) },
  // In a transaction the runner's default lock_timeout applies (runner-lock-timeout.test.ts); outside one it does not.
  {
    code: 'missing-lock-timeout',
    flagged: body(addAge, NON_TRANSACTIONAL),
    safe: body(`${exec("SET lock_timeout = '2s'")}\n${addAge}`, NON_TRANSACTIONAL),
  },
  { code: 'missing-statement-timeout', flagged: body(addAge), safe: body(`${exec("SET statement_timeout = '30s'")}\n${addAge}`) },
  {
    code: 'heavy-maintenance',
    flagged: body(exec('VACUUM FULL users')),
    safe: body(exec('REINDEX INDEX CONCURRENTLY ix_email'), NON_TRANSACTIONAL),
  },
  {
    code: 'heavy-maintenance',
    flagged: body(exec('ALTER TABLE events DETACH PARTITION events_2020')),
    safe: body(exec('ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY'), NON_TRANSACTIONAL),
  },
  {
    code: 'long-after-exclusive-lock',
    flagged: body(exec('ALTER TABLE users ADD COLUMN score integer', 'UPDATE users SET score = 0')),
    safe: body(exec('UPDATE users SET age = 0 WHERE id = 1', 'ALTER TABLE users ADD COLUMN score integer')),
  },
  ...EVERYWHERE,
  ...SERVERS,
]

const MYSQL: readonly RuleCase[] = [
  {
    code: 'add-foreign-key',
    flagged: body("  await op.createForeignKey('fk', 'orders', 'users', ['user_id'], ['id'])"),
    // A foreign key renamed is added again INPLACE: the server refuses rather than copy.
    safe: body(
      "  await op.renameConstraint('orders', 'fk', 'fk_orders_user', " +
        "{ type: 'foreignkey', existing: { columns: ['user_id'], referredTable: 'users', referredColumns: ['id'] } })",
    ),
  },
  { code: 'add-check-constraint', flagged: body("  await op.createCheckConstraint('ck', 'users', 'age > 0')"), safe: body(addAge) },
  {
    code: 'set-not-null',
    flagged: body("  await op.alterColumn('users', 'age', { nullable: false, existing: { name: 'age', type: 'integer' } })"),
    safe: body("  await op.alterColumn('users', 'age', { nullable: true, existing: { name: 'age', type: 'integer' } })"),
  },
  {
    code: 'not-null-without-default',
    flagged: body("  await op.addColumn('users', { name: 'score', type: 'integer', nullable: false })"),
    safe: body("  await op.addColumn('users', { name: 'score', type: 'integer', nullable: false, serverDefault: 0 })"),
  },
  {
    code: 'volatile-default',
    flagged: body(exec('ALTER TABLE users ADD COLUMN token CHAR(36) DEFAULT (uuid())')),
    safe: body(exec("ALTER TABLE users ADD COLUMN plan TEXT DEFAULT 'free'")),
  },
  { code: 'add-column-rewrite', flagged: body(exec('ALTER TABLE events ADD COLUMN n INT AUTO_INCREMENT UNIQUE')), safe: body(addAge) },
  {
    code: 'column-type-change',
    flagged: body(`  await op.alterColumn('users', 'email', { type: { kind: 'string', length: 100 }, existing: ${STRING_20} })`),
    safe: body(`  await op.alterColumn('users', 'email', { type: { kind: 'string', length: 60 }, existing: ${STRING_20} })`),
  },
  {
    code: 'enum-change',
    flagged: body(`  await op.alterColumn('users', 'email', { type: { kind: 'enum', values: ['b', 'a'] }, existing: ${ENUM_AB} })`),
    safe: body(`  await op.alterColumn('users', 'email', { type: { kind: 'enum', values: ['a', 'b', 'c'] }, existing: ${ENUM_AB} })`),
  },
  {
    code: 'unique-constraint-direct',
    flagged: body("  await op.createUniqueConstraint('uq', 'users', ['email'])"),
    safe: body("  await op.createIndex('ix', 'users', ['email'])"),
  },
  { code: 'primary-key-direct', flagged: body(exec('ALTER TABLE events ADD PRIMARY KEY (id)')), safe: body(addAge) },
  { code: 'drop-column', flagged: body("  await op.dropColumn('users', 'age')"), safe: body(addAge) },
  {
    code: 'rename-column',
    flagged: body(`  await op.alterColumn('users', 'email', { newName: 'mail', existing: ${STRING_20} })`),
    safe: body(addAge),
  },
  { code: 'missing-lock-timeout', flagged: body(addAge), safe: body(`${exec('SET SESSION lock_wait_timeout = 5')}\n${addAge}`) },
  {
    code: 'algorithm-copy',
    flagged: body(exec('ALTER TABLE users ADD COLUMN x INT, ALGORITHM=COPY')),
    safe: body(exec('ALTER TABLE users ADD COLUMN x INT, ALGORITHM=INSTANT')),
  },
  {
    code: 'table-lock-option',
    flagged: body(exec('ALTER TABLE users ADD COLUMN x INT, LOCK=EXCLUSIVE')),
    safe: body(exec('ALTER TABLE users ADD COLUMN x INT, LOCK=NONE')),
  },
  { code: 'heavy-maintenance', flagged: body(exec('OPTIMIZE TABLE users')), safe: body(exec('ANALYZE TABLE users')) },
  ...EVERYWHERE,
  ...SERVERS,
]

const SQLITE: readonly RuleCase[] = [
  { code: 'sqlite-rebuild', flagged: body("  await op.alterColumn('users', 'age', { type: 'bigint' })"), safe: body(addAge) },
  {
    code: 'not-null-without-default',
    flagged: body(exec('ALTER TABLE users ADD COLUMN z INTEGER NOT NULL')),
    safe: body(exec('ALTER TABLE users ADD COLUMN z INTEGER NOT NULL DEFAULT 0')),
  },
  {
    code: 'volatile-default',
    flagged: body(exec('ALTER TABLE users ADD COLUMN c TEXT DEFAULT CURRENT_TIMESTAMP')),
    safe: body(exec("ALTER TABLE users ADD COLUMN c TEXT DEFAULT 'x'")),
  },
  { code: 'drop-column', flagged: body("  await op.dropColumn('users', 'age')"), safe: body(addAge) },
  { code: 'rename-column', flagged: body("  await op.alterColumn('users', 'email', { newName: 'mail' })"), safe: body(addAge) },
  ...EVERYWHERE,
]

/** The first run of four words a text says twice (a phrase pasted into a template that already ends with it). */
function repeatedWords(text: string): string | undefined {
  const words = text
    .toLowerCase()
    .split(/[\s,;:()]+/)
    .filter(Boolean)
  const seen = new Set<string>()
  for (let i = 0; i + 4 <= words.length; i++) {
    const run = words.slice(i, i + 4).join(' ')
    if (seen.has(run)) return run
    seen.add(run)
  }
  return undefined
}

const CASES: Readonly<Record<DialectName, readonly RuleCase[]>> = { postgresql: POSTGRESQL, mysql: MYSQL, sqlite: SQLITE }

for (const [dialect, cases] of Object.entries(CASES) as [DialectName, readonly RuleCase[]][]) {
  describe(`lint rules on ${dialect}`, () => {
    for (const [index, rule] of cases.entries()) {
      const options = rule.serverVersion === undefined ? {} : { serverVersion: rule.serverVersion }
      test(`${rule.code} (${index}): flags the hazard, passes the safe form`, async () => {
        const flagged = (await lint(dialect, rule.flagged, options)).report.findings
        assert.ok(
          flagged.some((finding) => finding.code === rule.code),
          `${rule.code} not flagged in: ${rule.flagged.upgrade}\nfound: ${flagged.map((f) => f.code).join(', ')}`,
        )
        for (const finding of flagged) assert.equal(repeatedWords(finding.fix), undefined, `${finding.code}'s fix: ${finding.fix}`)
        const safe = (await lint(dialect, rule.safe, options)).report.findings
        assert.ok(
          !safe.some((finding) => finding.code === rule.code),
          `${rule.code} flagged the safe form: ${rule.safe.upgrade}\n${safe
            .filter((f) => f.code === rule.code)
            .map((f) => f.why)
            .join('\n')}`,
        )
      })
    }

    test('every rule of the dialect has a case', () => {
      const covered = new Set(cases.map((rule) => rule.code))
      const missing = dialectNamed(dialect)
        .lint.rules.map((rule) => rule.code)
        .filter((code) => !covered.has(code))
      assert.deepEqual(missing, [])
    })
  })
}
