// The same workload written for each tool the peers bench compares: migration
// n creates table t_n (id INTEGER PRIMARY KEY, note VARCHAR(40)) and, when
// `insert` is set, inserts one row into it; its downgrade drops the table.
// Each tool gets its own folder; each command is argv for a whole process.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chainId, writeAthanorChain } from '../chain-scripts.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const peers = join(here, 'node_modules')
// Debian's python3-alembic lives in the system Python, not in a pyenv one.
export const PYTHON = process.env.ALEMBIC_PYTHON ?? '/usr/bin/python3'

const pad = (n) => String(n).padStart(5, '0')
const q = (dialect, name) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)

/** The plain SQL of migration n, as the floors run it. */
export function migrationSql(dialect, n, insert) {
  const t = q(dialect, `t_${n}`)
  const create = `CREATE TABLE ${t} (id INTEGER NOT NULL PRIMARY KEY, note VARCHAR(40))`
  return insert ? [create, `INSERT INTO ${t} (id, note) VALUES (${n}, 'step ${n}')`] : [create]
}

/**
 * The floor: what the migrations do, with the version row kept as every tool
 * keeps it, in one transaction, through the database's own client.
 */
export function floorScripts(dialect, count, insert) {
  const v = q(dialect, 'floor_version')
  const up = [`CREATE TABLE ${v} (version_num VARCHAR(32) NOT NULL PRIMARY KEY)`, `INSERT INTO ${v} VALUES ('${chainId(0)}')`]
  const down = []
  for (let n = 0; n < count; n++) {
    up.push(...migrationSql(dialect, n, insert))
    if (n > 0) up.push(`UPDATE ${v} SET version_num = '${chainId(n)}' WHERE version_num = '${chainId(n - 1)}'`)
  }
  for (let n = count - 1; n >= 0; n--) {
    down.push(`DROP TABLE ${q(dialect, `t_${n}`)}`)
    down.push(n > 0 ? `UPDATE ${v} SET version_num = '${chainId(n - 1)}' WHERE version_num = '${chainId(n)}'` : `DELETE FROM ${v}`)
  }
  // psql -1 and the mariadb client bring their own transaction; the sqlite3 shell gets one here.
  const wrap = (statements) => `${(dialect === 'sqlite' ? ['BEGIN', ...statements, 'COMMIT'] : statements).join(';\n')};\n`
  return { up: wrap(up), down: wrap(down) }
}

/** SQLAlchemy / node URLs of one database. */
export function urls(dialect, db) {
  if (dialect === 'sqlite') return { node: `sqlite:///${db.file}`, sqlalchemy: `sqlite:///${db.file}` }
  if (dialect === 'postgresql') {
    const base = `postgres@${db.host}:${db.port}/${db.name}`
    return { node: `postgresql://${base}`, sqlalchemy: `postgresql+psycopg2://${base}` }
  }
  const base = `${db.user}@${db.host}:${db.port}/${db.name}`
  return { node: `mysql://${base}`, sqlalchemy: `mysql+pymysql://${base}` }
}

/** athanor: TypeScript scripts, the CLI at `root`. */
export function athanor(root) {
  const cli = join(root, 'bin', 'athanor.js')
  return {
    name: 'athanor',
    dialects: ['sqlite', 'postgresql', 'mysql'],
    write(dir, _dialect, count, insert) {
      const note = (n) => `{ id: ${n}, note: 'step ${n}' }`
      writeAthanorChain(dir, count, {
        upgrade: (n) =>
          `  await op.createTable('t_${n}', [{ name: 'id', type: 'integer', primaryKey: true }, ` +
          `{ name: 'note', type: { kind: 'string', length: 40 } }])` +
          (insert ? `\n  await op.bulkInsert('t_${n}', [${note(n)}])` : ''),
        downgrade: (n) => `  await op.dropTable('t_${n}')`,
      })
    },
    commands(dir, url) {
      const run = (...argv) => [process.execPath, [cli, ...argv, '-d', join(dir, 'migrations'), '--url', url.node]]
      return { up: run('upgrade', 'head'), down: run('downgrade', 'base'), current: run('current'), history: run('history') }
    },
  }
}

/** knex: CommonJS migrations and its own CLI. */
export const knex = {
  name: 'knex',
  dialects: ['sqlite', 'postgresql', 'mysql'],
  write(dir, dialect, count, insert) {
    mkdirSync(join(dir, 'knex'), { recursive: true })
    for (let n = 0; n < count; n++) {
      writeFileSync(
        join(dir, 'knex', `${pad(n)}_step.cjs`),
        `exports.up = async (knex) => {\n` +
          `  await knex.schema.createTable('t_${n}', (t) => { t.integer('id').primary(); t.string('note', 40) })\n` +
          (insert ? `  await knex('t_${n}').insert({ id: ${n}, note: 'step ${n}' })\n` : '') +
          `}\nexports.down = (knex) => knex.schema.dropTable('t_${n}')\n`,
      )
    }
    // The CLI requires the knex found from the knexfile's folder.
    symlinkSync(peers, join(dir, 'node_modules'))
    const client = { sqlite: 'better-sqlite3', postgresql: 'pg', mysql: 'mysql2' }[dialect]
    writeFileSync(
      join(dir, 'knexfile.cjs'),
      `const url = process.env.BENCH_URL\n` +
        `module.exports = { client: '${client}', useNullAsDefault: true, ` +
        `connection: ${dialect === 'sqlite' ? `{ filename: url.slice('sqlite:///'.length) }` : 'url'}, ` +
        `migrations: { directory: ${JSON.stringify(join(dir, 'knex'))}, loadExtensions: ['.cjs'] } }\n`,
    )
  },
  commands(dir, url) {
    const run = (...argv) => [process.execPath, [join(peers, 'knex', 'bin', 'cli.js'), ...argv, '--knexfile', join(dir, 'knexfile.cjs')]]
    const env = { BENCH_URL: url.node }
    return {
      env,
      up: run('migrate:latest'),
      down: run('migrate:rollback', '--all'),
      current: run('migrate:currentVersion'),
      history: run('migrate:list'),
    }
  },
}

/** Kysely: ESM migrations through its Migrator (it has no CLI of its own). */
export const kysely = {
  name: 'kysely',
  dialects: ['sqlite', 'postgresql', 'mysql'],
  write(dir, _dialect, count, insert) {
    mkdirSync(join(dir, 'kysely'), { recursive: true })
    for (let n = 0; n < count; n++) {
      writeFileSync(
        join(dir, 'kysely', `${pad(n)}_step.mjs`),
        `export async function up(db) {\n` +
          `  await db.schema.createTable('t_${n}').addColumn('id', 'integer', (c) => c.primaryKey())\n` +
          `    .addColumn('note', 'varchar(40)').execute()\n` +
          (insert ? `  await db.insertInto('t_${n}').values({ id: ${n}, note: 'step ${n}' }).execute()\n` : '') +
          `}\nexport async function down(db) {\n  await db.schema.dropTable('t_${n}').execute()\n}\n`,
      )
    }
  },
  commands(dir, url, dialect) {
    const run = (verb) => [process.execPath, [join(here, 'kysely-migrate.mjs'), dialect, url.node, join(dir, 'kysely'), verb]]
    return { up: run('up'), down: run('down') }
  },
}

/** drizzle-orm's migrate(): the SQL folder drizzle-kit generates (up only: drizzle has no down). */
export const drizzle = {
  name: 'drizzle',
  dialects: ['sqlite', 'postgresql', 'mysql'],
  write(dir, dialect, count, insert) {
    const folder = join(dir, 'drizzle')
    mkdirSync(join(folder, 'meta'), { recursive: true })
    const entries = []
    for (let n = 0; n < count; n++) {
      const tag = `${pad(n)}_step`
      writeFileSync(join(folder, `${tag}.sql`), `${migrationSql(dialect, n, insert).join(';\n--> statement-breakpoint\n')};\n`)
      entries.push({ idx: n, version: dialect === 'sqlite' ? '6' : '7', when: 1_700_000_000_000 + n, tag, breakpoints: true })
    }
    const journal = { version: '7', dialect: dialect === 'postgresql' ? 'postgresql' : dialect, entries }
    writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal))
  },
  commands(dir, url, dialect) {
    return { up: [process.execPath, [join(here, 'drizzle-migrate.mjs'), dialect, url.node, join(dir, 'drizzle')]] }
  },
}

/** node-pg-migrate (PostgreSQL only): its CLI, a transaction per migration. */
export const nodePgMigrate = {
  name: 'node-pg-migrate',
  dialects: ['postgresql'],
  write(dir, _dialect, count, insert) {
    mkdirSync(join(dir, 'npm'), { recursive: true })
    for (let n = 0; n < count; n++) {
      writeFileSync(
        join(dir, 'npm', `${1_700_000_000_000 + n}_step-${n}.mjs`),
        `export const up = (pgm) => {\n` +
          `  pgm.createTable('t_${n}', { id: { type: 'integer', primaryKey: true }, note: { type: 'varchar(40)' } })\n` +
          (insert ? `  pgm.sql("INSERT INTO t_${n} (id, note) VALUES (${n}, 'step ${n}')")\n` : '') +
          `}\nexport const down = (pgm) => { pgm.dropTable('t_${n}') }\n`,
      )
    }
  },
  commands(dir, url, _dialect, count) {
    const run = (...argv) => [
      process.execPath,
      [join(peers, 'node-pg-migrate', 'bin', 'node-pg-migrate.js'), ...argv, '-m', join(dir, 'npm'), '--no-verbose'],
    ]
    return { env: { DATABASE_URL: url.node }, up: run('up'), down: run('down', String(count)) }
  },
}

/** Alembic from Debian's python3-alembic: its default, one transaction for the run. */
export const alembic = {
  name: 'alembic',
  dialects: ['sqlite', 'postgresql', 'mysql'],
  write(dir, dialect, count, insert) {
    const versions = join(dir, 'alembic', 'versions')
    mkdirSync(versions, { recursive: true })
    writeFileSync(join(dir, 'alembic.ini'), `[alembic]\nscript_location = ${join(dir, 'alembic')}\n`)
    writeFileSync(
      join(dir, 'alembic', 'env.py'),
      [
        'import os',
        'from alembic import context',
        'from sqlalchemy import create_engine, pool',
        'engine = create_engine(os.environ["BENCH_URL"], poolclass=pool.NullPool)',
        'with engine.connect() as connection:',
        '    context.configure(connection=connection)',
        '    with context.begin_transaction():',
        '        context.run_migrations()',
        '',
      ].join('\n'),
    )
    for (let n = 0; n < count; n++) {
      const down = n === 0 ? 'None' : `'${chainId(n - 1)}'`
      writeFileSync(
        join(versions, `${chainId(n)}_step_${n}.py`),
        `"""step ${n}\n\nRevision ID: ${chainId(n)}\n"""\nfrom alembic import op\nimport sqlalchemy as sa\n\n` +
          `revision = '${chainId(n)}'\ndown_revision = ${down}\nbranch_labels = None\ndepends_on = None\n\n` +
          `def upgrade():\n` +
          `    t = op.create_table('t_${n}', sa.Column('id', sa.Integer, primary_key=True, autoincrement=False), ` +
          `sa.Column('note', sa.String(40)))\n` +
          (insert ? `    op.bulk_insert(t, [{'id': ${n}, 'note': 'step ${n}'}])\n` : '') +
          `\n\ndef downgrade():\n    op.drop_table('t_${n}')\n`,
      )
    }
    return dialect
  },
  commands(dir, url) {
    const run = (...argv) => [PYTHON, ['-m', 'alembic', '-c', join(dir, 'alembic.ini'), ...argv]]
    return {
      env: { BENCH_URL: url.sqlalchemy },
      up: run('upgrade', 'head'),
      down: run('downgrade', 'base'),
      current: run('current'),
      history: run('history'),
    }
  },
}

/** The database's own client running the floor script; `node -e 0` for the read-only verbs. */
export function floor(servers) {
  return {
    name: 'floor',
    dialects: ['sqlite', 'postgresql', 'mysql'],
    write(dir, dialect, count, insert) {
      const { up, down } = floorScripts(dialect, count, insert)
      writeFileSync(join(dir, 'floor-up.sql'), up)
      writeFileSync(join(dir, 'floor-down.sql'), down)
    },
    commands(dir, _url, dialect, _count, db) {
      const node = [process.execPath, ['-e', '0']]
      const file = (verb) => join(dir, `floor-${verb}.sql`)
      if (dialect === 'sqlite') {
        const run = (verb) => ['sqlite3', [db.file, `.read ${file(verb)}`]]
        return { up: run('up'), down: run('down'), current: node, history: node }
      }
      if (dialect === 'postgresql') {
        const s = servers.postgresql
        const run = (verb) => [
          'psql',
          [
            '-X',
            '-q',
            '-v',
            'ON_ERROR_STOP=1',
            '-h',
            s.hostname,
            '-p',
            s.port || '5432',
            '-U',
            'postgres',
            '-d',
            db.name,
            '-1',
            '-f',
            file(verb),
          ],
        ]
        return { up: run('up'), down: run('down'), current: node, history: node }
      }
      const s = servers.mysql
      const run = (verb) => ['sh', ['-c', `exec mariadb -h ${s.hostname} -P ${s.port || '3306'} -u ${db.user} ${db.name} < ${file(verb)}`]]
      return { up: run('up'), down: run('down'), current: node, history: node }
    },
  }
}
