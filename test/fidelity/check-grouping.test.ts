// A CHECK or an index predicate whose parentheses were moved, `(a + b) * 2`
// made `a + b * 2`, is another constraint. Keys used to leave every
// parenthesis out, so check found nothing to do and the database kept the
// old rule. Now only the parentheses that change nothing are left out: the
// ones PostgreSQL adds around every operation, and the ones a model writes
// where MariaDB prints none.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { DialectName } from '../../src/core/dialect-name.js'

const CLEAN = 'No new upgrade operations detected.\n'

interface Case {
  readonly source: readonly string[]
  /** What `check` reads back for the check, and for the index where the dialect has partial indexes. */
  readonly definitions: string
}

const CASES: Record<DialectName, Case> = {
  postgresql: {
    source: [
      'CREATE TABLE t (id int PRIMARY KEY, a int, b int, CONSTRAINT grouped CHECK ((a + b) * 2 > 10 OR a IS NULL))',
      'CREATE INDEX t_partial ON t (a) WHERE (a - (b - 1)) > 0',
    ],
    definitions:
      "SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'grouped' " +
      "UNION ALL SELECT pg_get_indexdef('t_partial'::regclass)",
  },
  mysql: {
    source: ['CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, CONSTRAINT grouped CHECK ((a + b) * 2 > 10 OR a IS NULL))'],
    definitions: 'SELECT CHECK_CLAUSE AS definition FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()',
  },
  sqlite: {
    source: [
      'CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT, CONSTRAINT grouped CHECK ((a + b) * 2 > 10 OR a IS NULL))',
      'CREATE INDEX t_partial ON t (a) WHERE (a - (b - 1)) > 0',
    ],
    definitions: "SELECT sql AS definition FROM sqlite_master WHERE name IN ('t', 't_partial') ORDER BY name",
  },
}

for (const [dialect, { source, definitions }] of Object.entries(CASES) as [DialectName, Case][]) {
  describe(`${dialect}: parentheses that change a check or a predicate`, () => {
    const project = usePulledProject(dialect, source)

    test('are kept through a round trip, and moving them is a change check finds', async () => {
      const { rebuilt, ws } = project()
      const { models } = await pullAndRebuild(project())
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      const regrouped = regroup(models)
      assert.notEqual(regrouped, models, 'the pulled models hold the grouped expressions')
      writeFileSync(ws.models, regrouped)
      assert.notEqual((await cli([...ws.base, 'check'])).stdout, CLEAN)
      await cliOk([...ws.base, 'migrate', '-m', 'regrouped'])
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      const rows = (await rebuilt.query(definitions)) as { definition: string }[]
      const text = rows.map((row) => row.definition.replaceAll(/[\s`()]/g, '')).join('|')
      assert.match(text, /a\+b\*2>10/)
      if (dialect !== 'mysql') assert.match(text, /a-b-1>0/)
      // The database enforces the new rule: 4 + 3 * 2 = 10 fails it, where (4 + 3) * 2 = 14 passed the old one.
      await rebuilt.query('INSERT INTO t (id, a, b) VALUES (1, 9, 1)')
      await assert.rejects(rebuilt.query('INSERT INTO t (id, a, b) VALUES (2, 4, 3)'))
    })
  })
}

/** The models with `(a + b) * 2` made `a + b * 2`, and `a - (b - 1)` made `a - b - 1`, however the dialect printed them. */
function regroup(models: string): string {
  return models
    .replace(/\(\(?a \+ b\)? \* 2\)?/, 'a + (b * 2)')
    .replace(/\(?a - \(b - 1\)\)?/, '((a - b) - 1)')
    .replace(/\(`a` \+ `b`\) \* 2/, '`a` + `b` * 2')
}
