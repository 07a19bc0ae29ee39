// Times whole athanor processes on a chain of N revisions (default 1,000) on
// SQLite: upgrade head, current, history, downgrade base, and a no-op command
// against bare `node` start-up. When Alembic is installed (Debian's
// python3-alembic), the same chain is timed with it for comparison.
//
//   node bench/revision-chain.mjs [N] [--runs R]
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chainId, writeAthanorChain } from './chain-scripts.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'bin', 'athanor.js')
const args = process.argv.slice(2)
const count = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 1000)
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) || 3 : 3
// Debian's python3-alembic lives in the system Python, not in a pyenv one.
const PYTHON = process.env.ALEMBIC_PYTHON ?? '/usr/bin/python3'

const id = chainId

function writeAlembicChain(dir) {
  const versions = join(dir, 'alembic', 'versions')
  mkdirSync(versions, { recursive: true })
  writeFileSync(join(dir, 'alembic.ini'), `[alembic]\nscript_location = alembic\nsqlalchemy.url = sqlite:///${join(dir, 'alembic.db')}\n`)
  writeFileSync(
    join(dir, 'alembic', 'env.py'),
    [
      'from alembic import context',
      'from sqlalchemy import engine_from_config, pool',
      'config = context.config',
      'if context.is_offline_mode():',
      '    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)',
      '    with context.begin_transaction():',
      '        context.run_migrations()',
      'else:',
      '    engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)',
      '    with engine.connect() as connection:',
      '        context.configure(connection=connection)',
      '        with context.begin_transaction():',
      '            context.run_migrations()',
      '',
    ].join('\n'),
  )
  for (let n = 0; n < count; n++) {
    const down = n === 0 ? 'None' : `'${id(n - 1)}'`
    writeFileSync(
      join(versions, `${id(n)}_step_${n}.py`),
      `"""step ${n}\n\nRevision ID: ${id(n)}\n"""\nfrom alembic import op\n\n` +
        `revision = '${id(n)}'\ndown_revision = ${down}\nbranch_labels = None\ndepends_on = None\n\n` +
        `def upgrade():\n    op.execute('CREATE TABLE t_${n} (id INTEGER PRIMARY KEY)')\n\n\n` +
        `def downgrade():\n    op.execute('DROP TABLE t_${n}')\n`,
    )
  }
}

function time(command, argv, cwd) {
  const started = process.hrtime.bigint()
  const result = spawnSync(command, argv, { cwd, encoding: 'utf8' })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed:\n${result.stderr}`)
  return seconds
}

/** Best of R runs; state-changing commands are restored between runs by `reset`. */
function best(label, run, reset) {
  const times = []
  for (let r = 0; r < runs; r++) {
    reset?.()
    times.push(run())
  }
  return { label, seconds: Math.min(...times) }
}

const work = mkdtempSync(join(tmpdir(), 'athanor-bench-chain-'))
try {
  writeAthanorChain(work, count, {
    upgrade: (n) => `  await op.execute('CREATE TABLE t_${n} (id INTEGER PRIMARY KEY)')`,
    downgrade: (n) => `  await op.execute('DROP TABLE t_${n}')`,
  })
  const athanor =
    (...argv) =>
    () =>
      time(process.execPath, [cli, '--url', `sqlite:///${join(work, 'athanor.db')}`, ...argv], work)
  const resetDb = () => rmSync(join(work, 'athanor.db'), { force: true })
  const atHead = () => {
    resetDb()
    athanor('upgrade', 'head')()
  }
  const results = [
    best('bare node start-up', () => time(process.execPath, ['-e', '0'], work)),
    best('athanor --help (no-op)', athanor('--help')),
    best('athanor heads', athanor('heads')),
    best('athanor upgrade head', athanor('upgrade', 'head'), resetDb),
    best('athanor current', athanor('current')),
    best('athanor history', athanor('history')),
    best('athanor downgrade base', athanor('downgrade', 'base'), atHead),
  ]

  let alembic = []
  let hasAlembic = false
  try {
    execFileSync(PYTHON, ['-c', 'import alembic'], { stdio: 'ignore' })
    hasAlembic = true
  } catch {}
  if (hasAlembic) {
    writeAlembicChain(work)
    const run =
      (...argv) =>
      () =>
        time(PYTHON, ['-m', 'alembic', ...argv], work)
    const reset = () => rmSync(join(work, 'alembic.db'), { force: true })
    const alembicHead = () => {
      reset()
      run('upgrade', 'head')()
    }
    alembic = [
      best('alembic upgrade head', run('upgrade', 'head'), reset),
      best('alembic current', run('current')),
      best('alembic history', run('history')),
      best('alembic downgrade base', run('downgrade', 'base'), alembicHead),
    ]
  }

  console.log(`revision chain: ${count} revisions, SQLite, best of ${runs} runs (whole processes)`)
  for (const { label, seconds } of [...results, ...alembic]) console.log(`  ${label.padEnd(28)} ${seconds.toFixed(3)} s`)
  if (hasAlembic) {
    console.log('ratios (alembic / athanor):')
    for (const verb of ['upgrade head', 'current', 'history', 'downgrade base']) {
      const ours = results.find((r) => r.label === `athanor ${verb}`).seconds
      const theirs = alembic.find((r) => r.label === `alembic ${verb}`).seconds
      console.log(`  ${verb.padEnd(28)} ${(theirs / ours).toFixed(1)}x faster`)
    }
  } else console.log('(python3-alembic not installed: no comparison)')
} finally {
  rmSync(work, { recursive: true, force: true })
}
