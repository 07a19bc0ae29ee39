import assert from 'node:assert/strict'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { readAlembicModule } from '../../src/script/alembic-module.js'
import { renderConvertedScript } from '../../src/script/alembic-render.js'
import { BUILTIN_TEMPLATES } from '../../src/script/template.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { ALEMBIC_REVISIONS as R, ALEMBIC_SCRIPTS } from './alembic-history.js'
import { workspace, type Workspace } from './workspace.js'

const TEMPLATE = readFileSync(join(BUILTIN_TEMPLATES, 'script.ts.template'), 'utf8')

function convert(source: string) {
  return renderConvertedScript(readAlembicModule(source, 'versions/x.py'), TEMPLATE, 'script.ts.template')
}

/** Alembic 1.11+'s template: annotated identifiers and a typing import. */
const ANNOTATED = `"""tags and an index

Revision ID: 0a1b2c3d4e5f
Revises: 1111aaaa2222, 3333bbbb4444
Create Date: 2024-02-03 04:05:06.000007

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision: str = '0a1b2c3d4e5f'
down_revision: Union[str, None] = ('1111aaaa2222', '3333bbbb4444')
branch_labels: Union[str, Sequence[str], None] = 'tags'
depends_on: Union[str, Sequence[str], None] = ['5555cccc6666']


def upgrade() -> None:
    op.create_table('tag',
        sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column('name', sa.Unicode(64), nullable=False, comment="the tag's name"),
        sa.Column('kind', sa.Enum('a', 'b', name='tag_kind'), server_default='a', nullable=False),
        sa.Column('data', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column('made', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=True),
        sa.PrimaryKeyConstraint('id', name='pk_tag'),
        sa.UniqueConstraint('name', name='uq_tag_name'),
        sa.CheckConstraint("name <> ''", name='ck_tag_name'),
        schema='app'
    )
    op.add_column('post', sa.Column('tag_id', sa.BigInteger(), nullable=True), schema='app')
    op.create_foreign_key('fk_post_tag', 'post', 'tag', ['tag_id'], ['id'], source_schema='app', referent_schema='app', ondelete='SET NULL')
    op.create_index('ix_tag_lower_name', 'tag', [sa.text('lower(name)')], unique=True, schema='app')
    op.alter_column('post', 'title', existing_type=sa.VARCHAR(length=100), type_=sa.String(length=200), nullable=False, schema='app')
    op.rename_table('old_tags', 'legacy_tags')
    op.execute(sa.text("""
        UPDATE app.post SET tag_id = NULL
        WHERE title = 'it''s'
    """))


def downgrade() -> None: pass
`

describe('convert-alembic: reading and translating scripts', () => {
  test('annotated identifiers, tuple parents, a string label and a list of dependencies', () => {
    const module = readAlembicModule(ANNOTATED, 'versions/0a1b.py')
    assert.equal(module.revision, '0a1b2c3d4e5f')
    assert.deepEqual(module.downRevisions, ['1111aaaa2222', '3333bbbb4444'])
    assert.deepEqual(module.branchLabels, ['tags'])
    assert.deepEqual(module.dependsOn, ['5555cccc6666'])
    assert.equal(module.message, 'tags and an index')
    assert.equal(module.createDate, '2024-02-03 04:05:06.000007')
  })

  test('the common op.* calls become the same operations in TypeScript', () => {
    const { text, upgrade, downgrade } = convert(ANNOTATED)
    assert.deepEqual([upgrade.translated, downgrade.translated], [true, true])
    const expected = [
      "export const downRevision: string | string[] | null = ['1111aaaa2222', '3333bbbb4444']",
      "export const branchLabels: string[] | null = ['tags']",
      ' * Create Date: 2024-02-03 04:05:06.000007',
      "import { sql, t } from 'athanor'",
      // SQLAlchemy 1.4 numbers the key with BIGSERIAL on PostgreSQL, AUTO_INCREMENT on MySQL, the rowid on SQLite.
      "{ name: 'id', type: op.dialect === 'postgresql' ? t.raw('BIGSERIAL') : 'bigint', " + "autoincrement: op.dialect === 'mysql' }",
      "{ name: 'name', type: t.string(64), nullable: false, comment: 'the tag\\'s name' }",
      // sa.Enum: a type of its own on PostgreSQL, created with the table; inline on MySQL; a VARCHAR on SQLite.
      "  if (op.dialect === 'postgresql') {\n    await op.execute('CREATE TYPE tag_kind AS ENUM (\\'a\\', \\'b\\')')\n  }",
      "{ name: 'kind', type: op.dialect === 'postgresql' ? t.raw('tag_kind') : " +
        "op.dialect === 'mysql' ? t.enum(['a', 'b']) : t.string(1), " +
        "nullable: false, serverDefault: 'a' }",
      "{ name: 'data', type: t.json({ binary: true }) }",
      // sa.DateTime is DATETIME on MySQL and SQLite, whatever the zone.
      "{ name: 'made', type: op.dialect === 'postgresql' ? t.timestamp({ withTimeZone: true }) : t.raw('DATETIME'), " +
        "serverDefault: sql('now()') }",
      "primaryKey: { columns: ['id'], name: 'pk_tag' }",
      "uniqueConstraints: [{ columns: ['name'], name: 'uq_tag_name' }]",
      "checkConstraints: [{ expression: 'name <> \\'\\'', name: 'ck_tag_name' }]",
      "await op.addColumn('post', { name: 'tag_id', type: 'bigint' }, { schema: 'app' })",
      "await op.createForeignKey('fk_post_tag', 'post', 'tag', ['tag_id'], ['id'], " +
        "{ onDelete: 'SET NULL', sourceSchema: 'app', referentSchema: 'app' })",
      "await op.createIndex('ix_tag_lower_name', 'tag', ['lower(name)'], { unique: true, expressions: true, schema: 'app' })",
      "await op.alterColumn('post', 'title', " +
        "{ nullable: false, type: t.string(200), schema: 'app', existing: { name: 'title', type: t.string(100) } })",
      "await op.renameTable('old_tags', 'legacy_tags')",
      "UPDATE app.post SET tag_id = NULL\\n        WHERE title = \\'it\\'\\'s\\'",
      '  // nothing to do: the Alembic script did nothing here',
    ]
    for (const line of expected) assert.ok(text.includes(line), `missing ${line}\n---\n${text}`)
  })

  test('a body with anything else is quoted, and fails naming the revision when run', () => {
    const source = ANNOTATED.replace(
      "    op.rename_table('old_tags', 'legacy_tags')\n",
      "    op.bulk_insert(tag_table, [{'id': 1, 'name': 'x'}])\n",
    )
    const { text, upgrade } = convert(source)
    assert.equal(upgrade.translated, false)
    assert.match(
      upgrade.reason!,
      /^line 37: `op\.bulk_insert\(tag_table, \[\{'id': 1, 'name': 'x'\}\]\)`: op\.bulk_insert\(\) into something other than sa\.table/,
    )
    assert.match(text, /^ {2}\/\/ {3}op\.bulk_insert\(tag_table, \[\{'id': 1, 'name': 'x'\}\]\)$/m)
    assert.match(text, /^ {2}\/\/ {3}op\.create_table\('tag',$/m)
    assert.match(
      text,
      new RegExp(
        /throw new AthanorError\('UNPORTED_MIGRATION', 'revision 0a1b2c3d4e5f: /.source +
          /the upgrade converted from Alembic \(versions\/x\.py\) must be ported to TypeScript by hand/.source,
      ),
    )
    assert.match(text, /^import \{ AthanorError \} from 'athanor'$/m)
  })

  test('an unknown keyword argument is not dropped in silence', () => {
    const { upgrade } = convert(ANNOTATED.replace("unique=True, schema='app')", "unique=True, schema='app', postgresql_tablespace='fast')"))
    assert.match(upgrade.reason ?? '', /op\.create_index\(postgresql_tablespace=\.\.\.\)/)
  })

  test('constants, loops, dialect tests and parameters in a body become TypeScript', () => {
    const source = ANNOTATED.replace(
      "    op.rename_table('old_tags', 'legacy_tags')\n",
      [
        '    conn = op.get_bind()',
        "    if conn.dialect.name == 'postgresql':",
        '        op.execute("CREATE EXTENSION IF NOT EXISTS citext")',
        "    elif conn.dialect.name in ('mysql', 'mariadb'):",
        "        op.execute('SET foreign_key_checks = 0')",
        '    for name in TABLES:',
        "        conn.execute(sa.text('UPDATE ' + name + ' SET n = :n'), {'n': 1}) if False else None",
        '',
      ].join('\n'),
    )
    const { upgrade } = convert(source)
    // The conditional expression is not something the converter claims to read.
    assert.equal(upgrade.translated, false)
    const loops = convert(
      ANNOTATED.replace('def upgrade() -> None:', "TABLES = ('a', 'b')\n\n\ndef upgrade() -> None:").replace(
        "    op.rename_table('old_tags', 'legacy_tags')\n",
        [
          '    conn = op.get_bind()',
          "    if conn.dialect.name == 'postgresql':",
          '        op.execute("CREATE EXTENSION IF NOT EXISTS citext")',
          "    elif conn.dialect.name in ('mysql', 'mariadb'):",
          "        op.execute('SET foreign_key_checks = 0')",
          '    for name in TABLES:',
          "        conn.execute(sa.text('UPDATE t SET n = :n WHERE name = :name'), {'n': 1, 'name': name})",
          '',
        ].join('\n'),
      ),
    )
    assert.equal(loops.upgrade.translated, true, loops.upgrade.reason)
    for (const line of [
      "  if (op.dialect === 'postgresql') {\n    await op.execute('CREATE EXTENSION IF NOT EXISTS citext')\n" +
        "  } else if (op.dialect === 'mysql') {",
      "await op.execute('UPDATE t SET n = :n WHERE name = :name', { n: 1, name: 'a' })",
      "await op.execute('UPDATE t SET n = :n WHERE name = :name', { n: 1, name: 'b' })",
    ])
      assert.ok(loops.text.includes(line), `missing ${line}\n---\n${loops.text}`)
  })

  test('a revision that is not a literal is refused, naming the file', () => {
    assert.throws(
      () => readAlembicModule(ANNOTATED.replace("revision: str = '0a1b2c3d4e5f'", 'revision = make_id()'), 'versions/0a1b.py'),
      (error) => isAthanorError(error, 'ALEMBIC_SCRIPT_UNREADABLE') && /versions\/0a1b\.py:\d+: 'revision'/.test(error.message),
    )
  })
})

describe('convert-alembic: the command', () => {
  const spaces: Workspace[] = []
  after(() =>
    spaces.forEach((ws) => {
      ws.cleanup()
    }),
  )

  async function converted(): Promise<Workspace & { alembic: string }> {
    const ws = await workspace('sqlite:///unused.db', { versionTable: 'alembic_version' })
    spaces.push(ws)
    const alembic = join(ws.root, 'alembic', 'versions')
    mkdirSync(join(alembic, '__pycache__'), { recursive: true })
    for (const [name, text] of Object.entries(ALEMBIC_SCRIPTS)) writeFileSync(join(alembic, name), text)
    writeFileSync(join(alembic, '__init__.py'), '')
    return { ...ws, alembic }
  }

  test('the translated scripts compile to what SQLAlchemy would create on each dialect', async () => {
    const ws = await converted()
    await cliOk(['-d', ws.directory, 'convert-alembic', ws.alembic])
    const postgres = (await cliOk(['-d', ws.directory, '--url', 'postgresql://u@127.0.0.1/offline', 'upgrade', `base:${R.merge}`, '--sql']))
      .stdout
    assert.match(postgres, /"id" SERIAL NOT NULL/)
    assert.match(postgres, /CREATE INDEX "ix_User_last_name" ON "User" \("last_name"\)/)
    assert.match(postgres, /FOREIGN KEY \("user_id"\) REFERENCES "User" \("id"\) ON DELETE CASCADE/)
    assert.match(postgres, /INSERT INTO audit_log \(action\) VALUES \('created'\)/)
    const sqlite = (await cliOk(['-d', ws.directory, '--url', 'sqlite:///offline.db', 'upgrade', `base:${R.merge}`, '--sql'])).stdout
    // SQLAlchemy leaves an SQLite integer key a plain rowid alias.
    assert.doesNotMatch(sqlite, /AUTOINCREMENT/)
  })

  test('a missing parent is reported before anything is written', async () => {
    const ws = await converted()
    writeFileSync(
      join(ws.alembic, 'zzz_orphan.py'),
      ALEMBIC_SCRIPTS[`${R.merge}_merge_heads.py`]!.replace(`revision = '${R.merge}'`, "revision = 'orphan000001'").replace(
        /down_revision = .*/,
        "down_revision = 'nowhere00000'",
      ),
    )
    const result = await cli(['-d', ws.directory, 'convert-alembic', ws.alembic])
    assertCleanError(result, 'nowhere00000')
    assert.deepEqual(readdirSync(join(ws.directory, 'versions')), [])
  })

  test('a header naming what no module of the project defines leaves out that script and its children only', async () => {
    const ws = await converted()
    const merge = ALEMBIC_SCRIPTS[`${R.merge}_merge_heads.py`]!
    const child = (id: string, parent: string, labels: string) =>
      merge
        .replace(`revision = '${R.merge}'`, `revision = '${id}'`)
        .replace(/down_revision = .*/, `down_revision = '${parent}'`)
        .replace('branch_labels = None', `branch_labels = ${labels}`)
    writeFileSync(
      join(ws.alembic, 'e1_unreadable.py'),
      `from elsewhere import cli\n${child('e1e1e1e1e1e1', R.backfill, '(cli.EXPAND_BRANCH,)')}`,
    )
    writeFileSync(join(ws.alembic, 'e2_below.py'), child('e2e2e2e2e2e2', 'e1e1e1e1e1e1', 'None'))
    const result = await cli(['-d', ws.directory, 'convert-alembic', ws.alembic])
    assert.equal(result.status, 1)
    assert.match(
      result.stderr,
      /Left out .*e1_unreadable\.py:\d+: 'branch_labels' is not a literal .*cli\.EXPAND_BRANCH.*write its value there/,
    )
    assert.match(result.stderr, /Left out .*e2_below\.py: left out with e1e1e1e1e1e1/)
    assert.equal(readdirSync(join(ws.directory, 'versions')).length, Object.keys(ALEMBIC_SCRIPTS).length)
  })

  test('a folder that does not exist, or holds no scripts, is one clear error', async () => {
    const ws = await converted()
    assertCleanError(await cli(['-d', ws.directory, 'convert-alembic', join(ws.root, 'nope')]), 'does not exist')
    assertCleanError(await cli(['-d', ws.directory, 'convert-alembic', join(ws.alembic, '__pycache__')]), 'no Alembic revision scripts')
    assertCleanError(await cli(['-d', ws.directory, 'convert-alembic']), { code: 'MISSING_ARGUMENT' }, 'needs the Alembic versions folder')
  })
})
