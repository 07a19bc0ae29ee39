import { doBlock } from './do-block.js'

const GUARDED = /^DO \$athanor\$BEGIN IF NOT EXISTS \((.*?)\) THEN (.*); END IF; END\$athanor\$$/s

/**
 * A statement run only when `exists` (a query) finds nothing: what stands
 * in for IF NOT EXISTS where PostgreSQL has none (ADD CONSTRAINT), so a
 * script outside a transaction can run it again.
 *
 * @example
 * unlessExists("SELECT FROM pg_constraint WHERE conname = 'fk'", 'ALTER TABLE t ADD CONSTRAINT fk …')
 * // "DO $athanor$BEGIN IF NOT EXISTS (SELECT FROM pg_constraint WHERE conname = 'fk') THEN ALTER TABLE t …; END IF; END$athanor$"
 */
export function unlessExists(exists: string, statement: string): string {
  return doBlock(`BEGIN IF NOT EXISTS (${exists}) THEN ${statement}; END IF; END`)
}

/**
 * The statement an {@link unlessExists} block runs, for lint to judge as the
 * server runs it (its lock, NOT VALID or not); `undefined` for any other SQL.
 *
 * @example
 * guardedStatement(unlessExists('SELECT 1', 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)'))
 * // 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)'
 * guardedStatement('SELECT 1') // undefined
 */
export function guardedStatement(sql: string): string | undefined {
  return GUARDED.exec(sql)?.[2]
}
