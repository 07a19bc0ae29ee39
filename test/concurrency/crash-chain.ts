import type { DialectName } from '../../src/dialect/types.js'
import type { RevisionDef } from '../helpers/project.js'
import { KILL_AFTER } from './kill-hook.js'

/** Set for a runner that should meet the slow statement slowly (see SLOW). */
export const SLOW = 'ATHANOR_TEST_SLOW'
/** SQLite: the file the slow migration writes just before its slow statement, so the test knows when to kill. */
export const SLOW_MARKER = 'ATHANOR_TEST_SLOW_MARKER'

/**
 * The statement a runner is killed inside, per dialect. On the servers its
 * text is the same slow or not (the duration comes from the session, set by
 * a read the journal does not record), so `resolve --continue` finds the
 * statements that ran unchanged. SQLite has no journal for these
 * transactional steps, and no sleep: there the statement is a long count,
 * sent only by the slow runner.
 */
const SLOW_STATEMENT: Readonly<Record<DialectName, { readonly prepare?: string; readonly sql: string; readonly onlyWhenSlow: boolean }>> = {
  mysql: { prepare: 'SET @athanor_crash_sleep = 2', sql: 'SELECT SLEEP(COALESCE(@athanor_crash_sleep, 0))', onlyWhenSlow: false },
  postgresql: {
    prepare: "SELECT set_config('athanor.crash_sleep', '20', false)",
    sql: "SELECT pg_sleep(COALESCE(NULLIF(current_setting('athanor.crash_sleep', true), ''), '0')::float)",
    onlyWhenSlow: false,
  },
  sqlite: {
    sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000000) SELECT count(*) FROM c',
    onlyWhenSlow: true,
  },
}

/** The fragment of the slow statement to look for among the server's running statements. */
export const SLOW_FRAGMENT: Readonly<Record<Exclude<DialectName, 'sqlite'>, string>> = {
  mysql: 'SLEEP(COALESCE(@athanor_crash_sleep',
  postgresql: "pg_sleep(COALESCE(NULLIF(current_setting('athanor.crash_sleep'",
}

/** Where the slow statement is in its migration, as the journal numbers statements. */
export const SLOW_AT = { revision: 'c05000000005', statement: 2 } as const

/**
 * A chain of ten migrations that SQLite, PostgreSQL and MariaDB all take:
 * tables, indexes, added columns, seed rows and data moved between tables,
 * most of them several statements long. `null` is the slow statement.
 */
export const CHAIN: ReadonlyArray<{ readonly id: string; readonly statements: ReadonlyArray<string | null> }> = [
  {
    id: 'c01000000001',
    statements: [
      'CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)',
      "INSERT INTO accounts (id, name) VALUES (1, 'ada'), (2, 'grace'), (3, 'linus')",
    ],
  },
  {
    id: 'c02000000002',
    statements: [
      'CREATE TABLE orders (id INT PRIMARY KEY, account_id INT NOT NULL, cents INT NOT NULL)',
      'INSERT INTO orders (id, account_id, cents) VALUES (10, 1, 500), (11, 2, 1200), (12, 1, 300)',
      'CREATE INDEX ix_orders_account ON orders (account_id)',
    ],
  },
  {
    id: 'c03000000003',
    statements: [
      'ALTER TABLE accounts ADD COLUMN email VARCHAR(80)',
      "UPDATE accounts SET email = CASE id WHEN 1 THEN 'ada@example.com' WHEN 2 THEN 'grace@example.com' ELSE 'linus@example.com' END",
    ],
  },
  { id: 'c04000000004', statements: ['CREATE TABLE audit (id INT PRIMARY KEY, what VARCHAR(80))'] },
  {
    id: 'c05000000005',
    statements: ["INSERT INTO audit (id, what) VALUES (1, 'before')", null, "INSERT INTO audit (id, what) VALUES (2, 'after')"],
  },
  {
    id: 'c06000000006',
    statements: [
      'CREATE TABLE totals (account_id INT PRIMARY KEY, cents INT NOT NULL)',
      'INSERT INTO totals (account_id, cents) SELECT account_id, SUM(cents) FROM orders GROUP BY account_id',
      "UPDATE accounts SET name = 'Ada' WHERE id = 1",
    ],
  },
  {
    id: 'c07000000007',
    statements: [
      "ALTER TABLE orders ADD COLUMN status VARCHAR(12) NOT NULL DEFAULT 'open'",
      "UPDATE orders SET status = 'paid' WHERE cents > 400",
    ],
  },
  {
    id: 'c08000000008',
    statements: [
      'CREATE TABLE tags (id INT PRIMARY KEY, label VARCHAR(20))',
      "INSERT INTO tags (id, label) VALUES (1, 'vip')",
      'ALTER TABLE accounts ADD COLUMN tag_id INT',
      'UPDATE accounts SET tag_id = 1 WHERE id = 2',
    ],
  },
  { id: 'c09000000009', statements: ['DELETE FROM orders WHERE id = 12', 'UPDATE totals SET cents = cents - 300 WHERE account_id = 1'] },
  {
    id: 'c10000000010',
    statements: ['CREATE INDEX ix_accounts_email ON accounts (email)', "INSERT INTO audit (id, what) VALUES (3, 'done')"],
  },
]

/** The statements of a migration on a dialect, as a run that is not slow sends them (and the journal counts them). */
export function statementsOf(index: number, dialect: DialectName): string[] {
  const slow = SLOW_STATEMENT[dialect]
  return CHAIN[index]!.statements.flatMap((sql) => (sql !== null ? [sql] : slow.onlyWhenSlow ? [] : [slow.sql]))
}

/**
 * The chain as `.js` scripts for a dialect, each with the kill hook of
 * kill-hook.ts before its first statement and after every one.
 */
export function chainScripts(dialect: DialectName): RevisionDef[] {
  const slow = SLOW_STATEMENT[dialect]
  return CHAIN.map(({ id, statements }, index) => {
    let done = 0
    const hook = () => `  if (process.env['${KILL_AFTER}'] === '${id}:${done}') process.kill(process.pid, 'SIGKILL')`
    const lines = [hook()]
    for (const sql of statements) {
      if (sql !== null) {
        lines.push(`  await op.execute(${JSON.stringify(sql)})`)
      } else {
        const whenSlow = [
          ...(slow.prepare === undefined ? [] : [`    await op.query(${JSON.stringify(slow.prepare)})`]),
          `    if (process.env['${SLOW_MARKER}']) (await import('node:fs')).writeFileSync(process.env['${SLOW_MARKER}'], 'now')`,
          ...(slow.onlyWhenSlow ? [`    await op.execute(${JSON.stringify(slow.sql)})`] : []),
        ]
        lines.push(`  if (process.env['${SLOW}']) {`, ...whenSlow, '  }')
        if (slow.onlyWhenSlow) continue
        lines.push(`  await op.execute(${JSON.stringify(slow.sql)})`)
      }
      done++
      lines.push(hook())
    }
    return {
      id,
      down: index === 0 ? null : CHAIN[index - 1]!.id,
      ext: 'js',
      message: `step ${index + 1}`,
      upgrade: lines.join('\n'),
      downgrade: '',
    }
  })
}
