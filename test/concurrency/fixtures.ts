import type { RevisionDef } from '../helpers/project.js'

/** The log each migration writes to, in SQL that SQLite, PostgreSQL and MariaDB all take. */
export const PORTABLE_LOG_DDL = 'CREATE TABLE IF NOT EXISTS migration_log (revision VARCHAR(64) NOT NULL, direction VARCHAR(16) NOT NULL)'

/** An upgrade body that creates a table and logs itself, on any dialect. */
export function portableUpgrade(id: string): string {
  return [
    `  await op.execute('${PORTABLE_LOG_DDL}')`,
    `  await op.createTable('t_${id}', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'note', type: 'text' }])`,
    `  await op.execute("INSERT INTO migration_log (revision, direction) VALUES ('${id}', 'upgrade')")`,
  ].join('\n')
}

/** A chain of portable `.js` migrations (no TypeScript compile at start-up). */
export function portableChain(ids: readonly string[]): RevisionDef[] {
  return ids.map((id, index) => ({
    id,
    down: index === 0 ? null : ids[index - 1]!,
    ext: 'js',
    upgrade: portableUpgrade(id),
    downgrade: `  await op.dropTable('t_${id}')`,
  }))
}

/** `-d DIR --url URL` for a project run against a test database. */
export function target(migrations: string, url: string): string[] {
  return ['-d', migrations, '--url', url]
}

/** Lines of a runner's stderr that announce a wait for the lock. */
export function waitLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('waiting for another athanor run on '))
}
