import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { readAlembicModule } from '../../src/script/alembic-module.js'
import { renderConvertedScript } from '../../src/script/alembic-render.js'
import { BUILTIN_TEMPLATES } from '../../src/script/template.js'

const TEMPLATE = readFileSync(join(BUILTIN_TEMPLATES, 'script.ts.template'), 'utf8')

/** An Alembic script with these module lines and bodies (indented by four spaces already). */
function script(prelude: string, upgrade: string, downgrade = '    pass'): string {
  return [
    '"""constructs"""',
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    "revision = 'b2'",
    "down_revision = 'a1'",
    prelude,
    '',
    'def upgrade():',
    upgrade,
    '',
    'def downgrade():',
    downgrade,
    '',
  ].join('\n')
}

function convert(source: string, file = 'versions/b2.py') {
  return renderConvertedScript(readAlembicModule(source, file), TEMPLATE, 'script.ts.template')
}

function assertHas(text: string, ...parts: string[]): void {
  for (const part of parts) assert.ok(text.includes(part), `missing ${part}\n---\n${text}`)
}

describe('convert-alembic: names built from constants', () => {
  test("'+', '%' and f-strings over constants are folded into the names they build", () => {
    const out = convert(
      script(
        "TABLE = 'agents'\nCOLUMN = 'host'\nLOW, HIGH = 1, 4094",
        [
          "    op.create_index(op.f('ix_' + TABLE + '_' + COLUMN), TABLE, [COLUMN])",
          "    op.create_unique_constraint(constraint_name=f'uniq_{TABLE}0{COLUMN}', table_name=TABLE, columns=[COLUMN])",
          "    condition = 'vlan_id>=%(low)s AND vlan_id<=%(high)s' % {'low': 1, 'high': 4094}",
          "    op.create_check_constraint('ck_vlan', 'vlans', condition)",
          "    op.create_check_constraint('ck_pct', 'vlans', sa.text('%s < %d%%' % ('a', 5)))",
        ].join('\n'),
      ),
    )
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    assertHas(
      out.text,
      "await op.createIndex('ix_agents_host', 'agents', ['host'])",
      "await op.createUniqueConstraint('uniq_agents0host', 'agents', ['host'])",
      "await op.createCheckConstraint('ck_vlan', 'vlans', 'vlan_id>=1 AND vlan_id<=4094')",
      "await op.createCheckConstraint('ck_pct', 'vlans', 'a < 5%')",
    )
  })

  test('an f-string field with a format spec, or a name nobody defines, is left to a person', () => {
    assert.equal(convert(script('', "    op.drop_table(f'{prefix}_log')")).upgrade.translated, false)
    assert.equal(convert(script('N = 3', "    op.drop_table(f'log_{N:>3}')")).upgrade.translated, false)
  })

  test('*VALUES spreads a known tuple into a call; an unknown one is named', () => {
    const out = convert(
      script(
        "REQUIRED = ('required',)\nPOLICIES = (*REQUIRED, 'preferred') + ('legacy',)",
        "    op.create_table('p', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('policy', sa.Enum(*POLICIES, name='policy')))",
      ),
    )
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    assertHas(out.text, "'required'", "'preferred'", "'legacy'")
    const unknown = convert(script('', "    op.create_table('p', sa.Column('policy', sa.Enum(*values(), name='policy')))"))
    assert.match(String(unknown.upgrade.reason), /argument unpacking of values\(\.\.\.\)/)
  })
})

describe('convert-alembic: more op.* calls and arguments', () => {
  test('create_check_constraint, postgresql_using and a MetaData in create_table', () => {
    const out = convert(
      script(
        '',
        [
          "    op.create_table('t', sa.MetaData(), sa.Column('id', sa.Integer(), primary_key=True), sa.Column('n', sa.Integer()))",
          "    op.create_check_constraint('ck_t_n', 't', sa.text('n > 0'))",
          "    op.alter_column('t', 'n', type_=sa.String(10), postgresql_using='n::varchar')",
        ].join('\n'),
      ),
    )
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    assertHas(out.text, "await op.createCheckConstraint('ck_t_n', 't', 'n > 0')", "using: 'n::varchar'")
    // type_= without existing_type=: on MySQL Alembic restates the column with the new type only.
    const retyped = convert(script('', "    op.alter_column('vip', 'ip_address', type_=sa.String(64))"))
    assertHas(
      retyped.text,
      "await op.alterColumn('vip', 'ip_address', { type: t.string(64), existing: { name: 'ip_address', type: t.string(64) } })",
    )
    // existing_type= alone: Alembic emits nothing, on any dialect.
    const nothing = convert(script('', "    op.alter_column('t', 'name', existing_type=sa.String(255))"))
    assert.equal(nothing.upgrade.translated, true, nothing.upgrade.reason)
    assertHas(nothing.text, '// nothing to do: the Alembic script did nothing here')
  })
})

describe('convert-alembic: tests on the bind URL', () => {
  test('url = str(bind.engine.url) and url.startswith(...) become op.dialect tests', () => {
    const out = convert(
      script(
        '',
        [
          '    bind = op.get_bind()',
          '    url = str(bind.engine.url)',
          "    if url.startswith('mysql'):",
          "        op.drop_constraint('files_ibfk_3', 'files', type_='foreignkey')",
          "    elif url.startswith('postgres'):",
          "        op.drop_constraint('files_solution_id_fkey', 'files', type_='foreignkey')",
          "    if bind.engine.url.drivername.startswith(('sqlite', 'mysql')):",
          "        op.execute('SELECT 1')",
        ].join('\n'),
      ),
    )
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    assertHas(out.text, "if (op.dialect === 'mysql') {", "} else if (op.dialect === 'postgresql') {")
    assert.match(out.text, /if \(op\.dialect === 'sqlite' \|\| op\.dialect === 'mysql'\)|if \(op\.dialect !== 'postgresql'\)/)
  })
})

describe('convert-alembic: constants of libraries on PYTHONPATH', () => {
  test('from lib.db import constants reads lib/db/constants.py from a PYTHONPATH folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'athanor-pythonpath-'))
    const saved = process.env.PYTHONPATH
    try {
      mkdirSync(join(root, 'site', 'vendorlib', 'db'), { recursive: true })
      writeFileSync(join(root, 'site', 'vendorlib', '__init__.py'), '')
      writeFileSync(join(root, 'site', 'vendorlib', 'db', '__init__.py'), '')
      writeFileSync(join(root, 'site', 'vendorlib', 'db', 'constants.py'), 'UUID_FIELD_SIZE = 36\n')
      mkdirSync(join(root, 'project', 'versions'), { recursive: true })
      const file = join(root, 'project', 'versions', 'b2.py')
      const source = script(
        'from vendorlib.db import constants as db_const',
        "    op.add_column('ports', sa.Column('device_id', sa.String(length=db_const.UUID_FIELD_SIZE)))",
      )
      writeFileSync(file, source)
      assert.equal(renderConvertedScript(readAlembicModule(source, file), TEMPLATE, 'script.ts.template').upgrade.translated, false)
      process.env.PYTHONPATH = join(root, 'site')
      const out = renderConvertedScript(readAlembicModule(source, file), TEMPLATE, 'script.ts.template')
      assert.equal(out.upgrade.translated, true, out.upgrade.reason)
      assertHas(out.text, 't.string(36)')
    } finally {
      if (saved === undefined) delete process.env.PYTHONPATH
      else process.env.PYTHONPATH = saved
      rmSync(root, { recursive: true, force: true })
    }
  })
})

describe('convert-alembic: dropping a constraint the database named', () => {
  test('drop_constraint(None, t) drops the unnamed foreign key the upgrade creates on t, by its columns', () => {
    const out = convert(
      script(
        '',
        [
          "    op.add_column('challenges', sa.Column('next_id', sa.Integer(), nullable=True))",
          "    op.create_foreign_key(None, 'challenges', 'challenges', ['next_id'], ['id'], ondelete='SET NULL')",
        ].join('\n'),
        ["    op.drop_constraint(None, 'challenges', type_='foreignkey')", "    op.drop_column('challenges', 'next_id')"].join('\n'),
      ),
    )
    assert.equal(out.downgrade.translated, true, out.downgrade.reason)
    assertHas(out.text, "await op.dropConstraint(null, 'challenges', { type: 'foreignkey', columns: ['next_id'] })")
  })

  test('without exactly one such foreign key on that table it is left to a person', () => {
    const two = convert(
      script(
        '',
        [
          "    op.create_foreign_key(None, 'users', 'brackets', ['a_id'], ['id'])",
          "    op.create_foreign_key(None, 'users', 'brackets', ['b_id'], ['id'])",
        ].join('\n'),
        "    op.drop_constraint(None, 'users', type_='foreignkey')",
      ),
    )
    assert.match(String(two.downgrade.reason), /does not create exactly one unnamed foreign key on 'users'/)
    assert.equal(convert(script('', "    op.drop_constraint(None, 'users', type_='unique')")).upgrade.translated, false)
  })
})

describe('convert-alembic: seeding rows and columns with keys', () => {
  test('op.bulk_insert into sa.table, metadata.tables[...] and a table the script assigned from op.create_table', () => {
    const out = convert(
      script(
        "ROLES = {'master': 'MASTER'}",
        [
          "    kinds = op.create_table('kind', sa.Column('name', sa.String(30), primary_key=True))",
          "    op.bulk_insert(kinds, [{'name': ROLES['master']}, {'name': 'BACKUP'}])",
          "    t = sa.sql.table('role', sa.sql.column('name', sa.String), sa.sql.column('rank', sa.Integer))",
          "    op.bulk_insert(t, [{'name': 'a', 'rank': 1, 'active': True, 'note': None}])",
          '    md = sa.MetaData()',
          "    sa.Table('operating_status', md, autoload_with=op.get_bind())",
          "    op.bulk_insert(md.tables['operating_status'], [{'name': 'DRAINING'}])",
        ].join('\n'),
      ),
    )
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    assertHas(
      out.text,
      "await op.createTable('kind', [",
      "await op.bulkInsert('kind', [\n    { name: 'MASTER' },\n    { name: 'BACKUP' },\n  ])",
      "await op.bulkInsert('role', [\n    { name: 'a', rank: 1, active: true, note: null },\n  ])",
      "await op.bulkInsert('operating_status', [\n    { name: 'DRAINING' },\n  ])",
    )
    const computed = convert(script('', "    op.bulk_insert(sa.table('t', sa.column('a')), [{'a': a} for a in names])"))
    assert.equal(computed.upgrade.translated, false)
  })

  test('add_column with sa.ForeignKey and index=True adds the column, then the key, then the index, as Alembic does', () => {
    const out = convert(
      script(
        '',
        [
          "    op.add_column('amphora', sa.Column('lb_id', sa.String(36),",
          "                  sa.ForeignKey('lb.id', name='fk_amphora_lb', ondelete='CASCADE'), nullable=True, index=True))",
        ].join('\n'),
      ),
    )
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    const add = out.text.indexOf("await op.addColumn('amphora'")
    const fk = out.text.indexOf("await op.createForeignKey('fk_amphora_lb', 'amphora', 'lb', ['lb_id'], ['id'], { onDelete: 'CASCADE' })")
    const ix = out.text.indexOf("await op.createIndex('ix_amphora_lb_id', 'amphora', ['lb_id'])")
    assert.ok(add >= 0 && fk > add && ix > fk, out.text)
    const batch = convert(
      script('', "    with op.batch_alter_table('a') as b:\n        b.add_column(sa.Column('x', sa.Integer, sa.ForeignKey('lb.id')))"),
    )
    assert.match(String(batch.upgrade.reason), /sa\.ForeignKey in a batch/)
  })
})

describe('convert-alembic: dialect keyword arguments', () => {
  test('create_index(postgresql_where=...) is a partial index on PostgreSQL and a full one elsewhere, as SQLAlchemy makes it', () => {
    const out = convert(script('', "    op.create_index('ix_job_open', 'job', ['state'], postgresql_where=sa.text(\"state = 'open'\"))"))
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    assertHas(
      out.text,
      "  if (op.dialect === 'postgresql') {\n    await op.createIndex('ix_job_open', 'job', ['state'], { where: 'state = \\'open\\'' })\n" +
        "  } else {\n    await op.createIndex('ix_job_open', 'job', ['state'])\n  }",
    )
  })

  test('mysql_length= as one length or by column; a length that is not a column of the index is left to a person', () => {
    const out = convert(
      script(
        '',
        [
          "    op.create_index('ix_post_title', 'post', ['title'], mysql_length=20)",
          "    op.create_index('ix_post_both', 'post', ['title', 'body'], mysql_length={'body': 100})",
        ].join('\n'),
      ),
    )
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    assertHas(
      out.text,
      "await op.createIndex('ix_post_title', 'post', ['title'], { prefixLengths: { title: 20 } })",
      "await op.createIndex('ix_post_both', 'post', ['title', 'body'], { prefixLengths: { body: 100 } })",
    )
    const stray = convert(script('', "    op.create_index('ix', 'post', ['title'], mysql_length={'body': 100})"))
    assert.match(String(stray.upgrade.reason), /naming 'body', not a column of the index/)
    assert.equal(convert(script('', "    op.create_index('ix', 'post', ['title'], mysql_length='20')")).upgrade.translated, false)
  })

  test('sa.Index inside create_table is an index created right after the table, with its keyword options', () => {
    const out = convert(
      script(
        '',
        [
          "    doc = op.create_table('doc', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('title', sa.String(80)),",
          "        sa.Column('data', sa.JSON()), sa.Index('ix_doc_title', 'title', unique=True, mysql_length=20),",
          "        sa.Index(op.f('ix_doc_data'), 'data', postgresql_using='gin', postgresql_where=sa.text('id > 0')),",
          "        sa.Index('ix_doc_lower', sa.text('lower(title)')), schema='app')",
          "    op.bulk_insert(doc, [{'id': 1, 'title': 'a'}])",
        ].join('\n'),
      ),
    )
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    assertHas(
      out.text,
      "await op.createIndex('ix_doc_title', 'doc', ['title'], { unique: true, prefixLengths: { title: 20 }, schema: 'app' })",
      "  if (op.dialect === 'postgresql') {\n" +
        "    await op.createIndex('ix_doc_data', 'doc', ['data'], { using: 'gin', where: 'id > 0', schema: 'app' })\n" +
        "  } else {\n    await op.createIndex('ix_doc_data', 'doc', ['data'], { using: 'gin', schema: 'app' })\n  }",
      "await op.createIndex('ix_doc_lower', 'doc', ['lower(title)'], { expressions: true, schema: 'app' })",
    )
    assert.ok(out.text.indexOf('createTable(') < out.text.indexOf("createIndex('ix_doc_title'"), out.text)
    assert.ok(out.text.indexOf("createIndex('ix_doc_lower'") < out.text.indexOf('bulkInsert('), out.text)
    const unnamed = convert(script('', "    op.create_table('t', sa.Column('a', sa.Integer()), sa.Index(None, 'a'))"))
    assert.equal(unnamed.upgrade.translated, false)
  })

  test('postgresql_using= on create_index names the access method', () => {
    const out = convert(script('', "    op.create_index('ix_doc_search', 'doc', ['search'], postgresql_using='gin')"))
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    assertHas(out.text, "await op.createIndex('ix_doc_search', 'doc', ['search'], { using: 'gin' })")
  })

  test('postgresql_ops=, postgresql_include= and mysql_prefix= on create_index keep the index options', () => {
    const out = convert(
      script(
        '',
        "    op.create_index('ix_doc_data', 'doc', ['data'], postgresql_using='gin', postgresql_ops={'data': 'jsonb_path_ops'}, " +
          "postgresql_include=['id'], postgresql_nulls_not_distinct=True, postgresql_with={'fastupdate': False})\n" +
          "    op.create_index('ft_doc_body', 'doc', ['body'], mysql_prefix='FULLTEXT')",
      ),
    )
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    assertHas(
      out.text,
      "await op.createIndex('ix_doc_data', 'doc', ['data'], { using: 'gin', opclass: { data: 'jsonb_path_ops' }, include: ['id'], " +
        'nullsNotDistinct: true, storage: { fastupdate: false } })',
    )
    assertHas(out.text, "await op.createIndex('ft_doc_body', 'doc', ['body'], { fulltext: true })")
    assert.equal(convert(script('', "    op.create_index('ix', 'doc', ['a'], mysql_prefix='HASH')")).upgrade.translated, false)
  })

  test('postgresql_concurrently=True outside an autocommit block still makes the script non-transactional', () => {
    const out = convert(script('', "    op.drop_index('ix_post_title', table_name='post', postgresql_concurrently=True)"))
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    assertHas(out.text, "await op.dropIndex('ix_post_title', { table: 'post', concurrently: true })", 'export const transactional = false')
    assert.doesNotMatch(convert(script('', "    op.drop_index('ix_post_title', table_name='post')")).text, /transactional/)
  })

  test('a COMMIT ends the transaction of the statements before it; what follows runs outside one', () => {
    for (const commit of ['op.execute("COMMIT")', 'op.get_bind().commit()', "op.execute(sa.text('commit;'))"]) {
      const out = convert(script('', `    ${commit}\n    op.create_index('ix_g', 'g', ['name'], postgresql_concurrently=True)`))
      assert.equal(out.upgrade.translated, true, out.upgrade.reason)
      assertHas(out.text, 'export const transactional = false', "await op.createIndex('ix_g', 'g', ['name'], { concurrently: true })")
      assert.doesNotMatch(out.text, /execute\(.*commit|\.commit\(/i)
    }
    const midway = convert(
      script(
        '',
        [
          "    op.drop_column('g', 'old')",
          "    op.execute('COMMIT')",
          "    op.create_index('ix_g', 'g', ['name'], postgresql_concurrently=True)",
          '    op.get_bind().commit()',
        ].join('\n'),
      ),
    )
    assert.equal(midway.upgrade.translated, true, midway.upgrade.reason)
    assertHas(
      midway.text,
      'export const transactional = false',
      "  await op.execute('BEGIN')\n  await op.dropColumn('g', 'old')\n  await op.execute('COMMIT')\n" +
        "  await op.createIndex('ix_g', 'g', ['name'], { concurrently: true })\n}",
    )
    const nested = convert(script('', "    op.drop_column('g', 'old')\n    if True:\n        op.execute('COMMIT')"))
    assert.match(String(nested.upgrade.reason), /a COMMIT inside a block, after other statements/)
    assertHas(nested.text, 'export const transactional = false')
  })

  test('deferrable= and initially= on create_foreign_key, sa.ForeignKey and sa.ForeignKeyConstraint', () => {
    const out = convert(
      script(
        '',
        [
          "    op.create_foreign_key('fk_a', 'post', 'user', ['a_id'], ['id'], deferrable=True, initially='IMMEDIATE')",
          "    op.create_foreign_key('fk_b', 'post', 'user', ['b_id'], ['id'], deferrable=False)",
          "    op.create_table('c', sa.Column('id', sa.Integer(), primary_key=True),",
          "        sa.Column('u', sa.Integer(), sa.ForeignKey('user.id', initially='deferred')),",
          "        sa.ForeignKeyConstraint(['id'], ['user.id'], deferrable=True))",
        ].join('\n'),
      ),
    )
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    assertHas(
      out.text,
      "await op.createForeignKey('fk_a', 'post', 'user', ['a_id'], ['id'], { deferrable: true })",
      "await op.createForeignKey('fk_b', 'post', 'user', ['b_id'], ['id'])",
      "{ columns: ['u'], referredTable: 'user', referredColumns: ['id'], deferrable: true, initiallyDeferred: true }",
      "{ columns: ['id'], referredTable: 'user', referredColumns: ['id'], deferrable: true }",
    )
    const odd = convert(script('', "    op.create_foreign_key('fk', 'post', 'user', ['a_id'], ['id'], initially='LATER')"))
    assert.match(String(odd.upgrade.reason), /initially='LATER'/)
  })
})

describe('convert-alembic: which key SQLAlchemy numbers', () => {
  test("an integer key that a ForeignKeyConstraint of the table names is not numbered, as autoincrement='auto' decides", () => {
    const out = convert(
      script(
        '',
        [
          "    op.create_table('child', sa.Column('id', sa.Integer(), nullable=False),",
          "        sa.ForeignKeyConstraint(['id'], ['parent.id']), sa.PrimaryKeyConstraint('id'))",
          "    op.create_table('own', sa.Column('id', sa.Integer(), nullable=False), sa.PrimaryKeyConstraint('id'))",
        ].join('\n'),
      ),
    )
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    const [child, own] = out.text.split("createTable('own'")
    assert.doesNotMatch(child!, /autoincrement|serial/i)
    assert.match(own!, /autoincrement|serial/i)
  })
})

describe('convert-alembic: MySQL table keywords', () => {
  test("mysql_auto_increment='1000' (or 1000) is the table's autoIncrement start; anything else is left to a person", () => {
    const out = convert(
      script(
        '',
        [
          "    op.create_table('orders', sa.Column('id', sa.Integer(), primary_key=True),",
          "        mysql_engine='InnoDB', mysql_auto_increment='1000')",
          "    op.create_table('invoices', sa.Column('id', sa.Integer(), primary_key=True), mysql_auto_increment=5000)",
        ].join('\n'),
      ),
    )
    assert.equal(out.upgrade.translated, true, out.upgrade.reason)
    assertHas(out.text, "mysql: { engine: 'InnoDB', autoIncrement: 1000 }", 'mysql: { autoIncrement: 5000 }')
    for (const value of ["'1e3'", "'0'", '10.5', 'START', "'ten'"]) {
      const left = convert(script("START = 'x'", `    op.create_table('t', sa.Column('id', sa.Integer()), mysql_auto_increment=${value})`))
      assert.equal(left.upgrade.translated, false, value)
      assert.match(String(left.upgrade.reason), /mysql_auto_increment=\.\.\.\) that is not a whole number from 1/, value)
    }
  })
})
