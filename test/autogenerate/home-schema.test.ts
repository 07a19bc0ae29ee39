// Models that spell out the connection's own schema: `{ schema: 'public' }`
// on a plain URL, `{ schema: 'app' }` with `?schema=app` or
// `?options=-csearch_path=app`. The catalog reads that schema's objects with
// no schema, so such models used to read as changed after every upgrade
// (views, routines, triggers, enum types and sequences removed and added
// again, an enum column's type altered; with ?schema=app the tables too).
// They now compare as that schema's objects, in check and in athanor test's
// models step, and no CREATE SCHEMA is written.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { workspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** Models of every kind in `schema`, a routine and trigger among them when `code`. */
function modelsIn(schema: string, code: boolean): string {
  return [
    "import { col, defineModels, foreignKey, pgEnum, routine, sequence, sql, table, trigger, view } from 'athanor'",
    `export const mood = pgEnum('mood', ['sad', 'ok'], { schema: '${schema}' })`,
    `export const seq = sequence('order_no', { start: 10, schema: '${schema}' })`,
    `export const a = table('a', { id: col.integer().primaryKey(), m: mood.column(), n: col.text() }, { schema: '${schema}' })`,
    "export const b = table('b', { id: col.integer().primaryKey(), a: col.integer() }, {",
    `  schema: '${schema}', foreignKeys: [foreignKey(['a'], 'a', ['id'], { name: 'b_a_fkey', referredSchema: '${schema}' })] })`,
    `export const v = view('v', sql\`SELECT a.id FROM a\`, { schema: '${schema}' })`,
    ...(code
      ? [
          "export const f = routine('touch', sql`CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql",
          "  AS $$ BEGIN NEW.n := 'x'; RETURN NEW; END $$`, { schema: 'public' })",
          "export const tr = trigger('a_touch', sql`CREATE TRIGGER a_touch BEFORE INSERT ON public.a",
          "  FOR EACH ROW EXECUTE FUNCTION public.touch()`, { schema: 'public' })",
          'export default defineModels(mood, seq, a, b, v, f, tr)',
        ]
      : ['export default defineModels(mood, seq, a, b, v)']),
  ].join('\n')
}

describe('postgresql: models naming the connection’s own schema', () => {
  const db = useTestDatabase('postgresql')

  for (const [label, schema, query] of [
    ["{ schema: 'public' } on a plain URL", 'public', ''],
    ["{ schema: 'app' } with ?schema=app", 'app', '?schema=app'],
    ["{ schema: 'app' } with ?options=-csearch_path=app", 'app', '?options=-csearch_path%3Dapp'],
  ] as const) {
    test(`${label}: no CREATE SCHEMA, upgrade, check and check --offline clean, downgrade base`, async () => {
      await db.query('DROP SCHEMA IF EXISTS app CASCADE')
      if (schema === 'app') await db.query('CREATE SCHEMA app')
      const ws = await workspace(`${db.url}${query}`)
      try {
        writeFileSync(ws.models, modelsIn(schema, schema === 'public'))
        await cliOk([...ws.base, 'migrate', '-m', 'own schema'])
        const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('.ts'))
        const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
        assert.doesNotMatch(script, /Schema\(|schema: '(public|app)'/)
        await cliOk([...ws.base, 'upgrade'])
        for (const extra of [[], ['--offline']]) {
          const checked = await cli([...ws.base, 'check', ...extra])
          assert.equal(checked.stdout, CLEAN, `check ${extra.join(' ')}: ${checked.stdout}${checked.stderr}`)
        }
        if (schema === 'public') {
          // athanor test compares the models with the migrations on scratch databases the same way.
          const tested = await cli([...ws.base, 'test'])
          assert.match(tested.stdout, /^ok +models match the migrations: no differences$/m, tested.stdout + tested.stderr)
        }
        await cliOk([...ws.base, 'downgrade', 'base'])
        const left = await db.query(
          "SELECT n.nspname || '.' || c.relname AS r FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE n.nspname IN ('public', 'app') AND c.relkind IN ('r', 'v') ORDER BY 1",
        )
        assert.deepEqual(
          left.map((row) => row['r']),
          [`${schema}.athanor_version`, `${schema}.athanor_version_history`],
        )
        await db.query(`DROP TABLE ${schema}.athanor_version, ${schema}.athanor_version_history`)
      } finally {
        ws.cleanup()
      }
    })
  }
})
