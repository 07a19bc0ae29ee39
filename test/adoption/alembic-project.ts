import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Real Alembic 1.8.1 from Debian's python3-alembic, run by the system
 * Python (a pyenv `python3` on PATH would not have it).
 */
export const SYSTEM_PYTHON = '/usr/bin/python3'

/**
 * A throwaway Alembic project (`alembic init`) upgrading one SQLite file, or
 * the database of `sqlalchemyUrl` (`postgresql://…`, `mysql+pymysql://…`).
 */
export interface AlembicProject {
  readonly root: string
  readonly versions: string
  readonly database: string
  readonly url: string
  /** Runs `python3 -m alembic ARGS` in the project and returns its stdout. */
  alembic(...args: string[]): string
  cleanup(): void
}

export function alembicProject(scripts: Readonly<Record<string, string>>, sqlalchemyUrl?: string): AlembicProject {
  const root = mkdtempSync(join(tmpdir(), 'athanor-alembic-'))
  const database = join(root, 'app.db')
  const url = sqlalchemyUrl ?? `sqlite:///${database}`
  const alembic = (...args: string[]) =>
    execFileSync(SYSTEM_PYTHON, ['-m', 'alembic', ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  alembic('init', 'alembic')
  const ini = join(root, 'alembic.ini')
  writeFileSync(ini, readFileSync(ini, 'utf8').replace(/^sqlalchemy\.url = .*$/m, `sqlalchemy.url = ${url}`))
  const versions = join(root, 'alembic', 'versions')
  for (const [name, text] of Object.entries(scripts)) writeFileSync(join(versions, name), text)
  return { root, versions, database, url, alembic, cleanup: () => rmSync(root, { recursive: true, force: true }) }
}

/** An Alembic revision script as `alembic revision` writes it (Alembic 1.8's template). */
export function alembicScript(options: {
  revision: string
  down: string | readonly string[] | null
  message: string
  branchLabels?: readonly string[]
  dependsOn?: string
  upgrade: string
  downgrade: string
}): string {
  const py = (value: string | readonly string[] | null | undefined) =>
    value === null || value === undefined
      ? 'None'
      : typeof value === 'string'
        ? `'${value}'`
        : `(${value.map((v) => `'${v}'`).join(', ')},)`
  const revises = options.down === null ? '' : typeof options.down === 'string' ? options.down : options.down.join(', ')
  return `"""${options.message}

Revision ID: ${options.revision}
Revises: ${revises}
Create Date: 2023-04-01 10:20:30.123456

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '${options.revision}'
down_revision = ${py(options.down)}
branch_labels = ${py(options.branchLabels)}
depends_on = ${py(options.dependsOn)}


def upgrade() -> None:
${options.upgrade}


def downgrade() -> None:
${options.downgrade}
`
}
