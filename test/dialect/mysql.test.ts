import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { mysqlCompiler as c } from '../../src/dialect/mysql/compiler.js'
import { isAthanorError } from '../../src/core/errors.js'
import { account, sqlOf, WEIRD } from './helpers.js'

describe('mysql: tables', () => {
  test('create_table with AUTO_INCREMENT, native ENUM, inline comments and indexes', () => {
    assert.deepEqual(sqlOf(c, { kind: 'create_table', table: account }), [
      [
        'CREATE TABLE `account` (',
        '  `id` INT NOT NULL AUTO_INCREMENT,',
        "  `email` VARCHAR(120) NOT NULL UNIQUE COMMENT 'login',",
        "  `status` ENUM('active', 'closed') DEFAULT 'active',",
        '  `admin` TINYINT(1) NOT NULL DEFAULT 0,',
        '  `score` DECIMAL(10, 2) DEFAULT 0.5,',
        '  `created` DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6),',
        '  `org_id` BIGINT,',
        '  PRIMARY KEY (`id`),',
        '  CONSTRAINT `fk_account_org` FOREIGN KEY (`org_id`) REFERENCES `org` (`id`) ON DELETE CASCADE ON UPDATE SET NULL,',
        '  CONSTRAINT `ck_score` CHECK (score >= 0),',
        '  INDEX `ix_account_created` (`created`)',
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='user''s accounts'",
      ].join('\n'),
    ])
  })

  test('create_table declares unique and plain indexes inline; an expression index follows as CREATE INDEX', () => {
    const table = {
      name: 't',
      columns: [{ name: 'a', type: { kind: 'string' as const, length: 40 } }],
      indexes: [
        { name: 'uq_t_a', columns: ['a'], unique: true },
        { name: 'ix_t_lower_a', columns: ['lower(a)'], expressions: true },
      ],
    }
    assert.deepEqual(sqlOf(c, { kind: 'create_table', table }), [
      'CREATE TABLE `t` (\n  `a` VARCHAR(40),\n  UNIQUE INDEX `uq_t_a` (`a`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
      'CREATE INDEX `ix_t_lower_a` ON `t` ((lower(a)))',
    ])
  })

  test('table options: engine, charset and collation when given, refused when not a plain name', () => {
    const columns = [{ name: 'a', type: { kind: 'timestamp' }, serverDefault: { kind: 'expression', sql: 'now()' } }] as const
    assert.deepEqual(
      sqlOf(c, {
        kind: 'create_table',
        table: { name: 't', columns, mysql: { engine: 'MyISAM', charset: 'latin1', collate: 'latin1_bin' } },
      }),
      ['CREATE TABLE `t` (\n  `a` DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6)\n) ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_bin'],
    )
    assert.throws(
      () => c.compileSql({ kind: 'create_table', table: { name: 't', columns, mysql: { engine: 'InnoDB; DROP TABLE x' } } }, 'offline'),
      (e) => isAthanorError(e, 'INVALID_TABLE_OPTION') && e.message.includes('"t"'),
    )
  })

  test('a timestamp default set alone keeps the column precision when existing is known', () => {
    const now = { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } as const
    assert.deepEqual(
      sqlOf(c, {
        kind: 'alter_column',
        table: 't',
        column: 'at',
        changes: { serverDefault: now },
        existing: { name: 'at', type: { kind: 'timestamp' } },
      }),
      ['ALTER TABLE `t` ALTER COLUMN `at` SET DEFAULT CURRENT_TIMESTAMP(6)'],
    )
    assert.deepEqual(
      sqlOf(c, { kind: 'add_column', table: 't', column: { name: 'n', type: { kind: 'string', length: 9 }, serverDefault: now } }),
      ['ALTER TABLE `t` ADD COLUMN `n` VARCHAR(9) DEFAULT CURRENT_TIMESTAMP'],
    )
  })

  test('VARCHAR without a length names the column', () => {
    assert.throws(
      () => c.compileSql({ kind: 'add_column', table: 'user', column: { name: 'email', type: { kind: 'string' } } }, 'offline'),
      (e) => isAthanorError(e, 'MYSQL_VARCHAR_LENGTH_REQUIRED') && e.message.includes('column "email" of table "user"'),
    )
  })

  test('backticks doubled, schema-qualified rename keeps the schema', () => {
    assert.equal(c.quoteIdentifier(WEIRD), '`we"ird``; DROP TABLE x; --`')
    assert.deepEqual(sqlOf(c, { kind: 'drop_table', table: 'a`b', schema: 'db' }), ['DROP TABLE `db`.`a``b`'])
    assert.deepEqual(sqlOf(c, { kind: 'rename_table', table: 'a', schema: 'db', newName: 'b' }), ['RENAME TABLE `db`.`a` TO `db`.`b`'])
    assert.deepEqual(sqlOf(c, { kind: 'rename_table', table: 'a', newName: 'b' }), ['RENAME TABLE `a` TO `b`'])
  })
})

describe('mysql: columns', () => {
  const existing = {
    name: 'title',
    type: { kind: 'string', length: 50 },
    nullable: false,
    serverDefault: { kind: 'literal', value: 'untitled' },
    comment: 'the title',
  } as const

  test('add and drop column', () => {
    assert.deepEqual(
      sqlOf(c, {
        kind: 'add_column',
        table: 't',
        column: { name: 'n', type: { kind: 'integer' }, nullable: false, serverDefault: { kind: 'literal', value: 0 }, comment: "n's" },
      }),
      ["ALTER TABLE `t` ADD COLUMN `n` INT NOT NULL DEFAULT 0 COMMENT 'n''s'"],
    )
    assert.deepEqual(sqlOf(c, { kind: 'drop_column', table: 't', column: 'n' }), ['ALTER TABLE `t` DROP COLUMN `n`'])
  })

  test('MODIFY restates the full definition from existing merged with the changes', () => {
    assert.deepEqual(
      sqlOf(c, { kind: 'alter_column', table: 'post', column: 'title', changes: { type: { kind: 'text' }, nullable: true }, existing }),
      ["ALTER TABLE `post` MODIFY COLUMN `title` TEXT NULL DEFAULT 'untitled' COMMENT 'the title'"],
    )
    assert.deepEqual(
      sqlOf(c, {
        kind: 'alter_column',
        table: 'post',
        column: 'title',
        changes: { serverDefault: null, comment: null, nullable: false },
        existing,
      }),
      ['ALTER TABLE `post` MODIFY COLUMN `title` VARCHAR(50) NOT NULL'],
    )
  })

  test('CHANGE COLUMN for a rename; AUTO_INCREMENT kept, keys not restated', () => {
    assert.deepEqual(sqlOf(c, { kind: 'alter_column', table: 'post', column: 'title', changes: { newName: 'headline' }, existing }), [
      "ALTER TABLE `post` CHANGE COLUMN `title` `headline` VARCHAR(50) NOT NULL DEFAULT 'untitled' COMMENT 'the title'",
    ])
    assert.deepEqual(
      sqlOf(c, {
        kind: 'alter_column',
        table: 'post',
        column: 'id',
        changes: { type: { kind: 'bigint' } },
        existing: { name: 'id', type: { kind: 'integer' }, primaryKey: true, autoincrement: true, unique: true },
      }),
      ['ALTER TABLE `post` MODIFY COLUMN `id` BIGINT NOT NULL AUTO_INCREMENT'],
    )
  })

  test('a default alone needs no existing; anything else does', () => {
    assert.deepEqual(
      sqlOf(c, { kind: 'alter_column', table: 't', column: 'a', changes: { serverDefault: { kind: 'literal', value: true } } }),
      ['ALTER TABLE `t` ALTER COLUMN `a` SET DEFAULT 1'],
    )
    assert.deepEqual(sqlOf(c, { kind: 'alter_column', table: 't', column: 'a', changes: { serverDefault: null } }), [
      'ALTER TABLE `t` ALTER COLUMN `a` DROP DEFAULT',
    ])
    assert.throws(
      () => c.compileSql({ kind: 'alter_column', table: 'post', column: 'title', changes: { nullable: false } }, 'online'),
      (e) =>
        isAthanorError(e, 'MYSQL_EXISTING_COLUMN_REQUIRED') &&
        e.message.includes('"post"') &&
        e.message.includes('"title"') &&
        e.message.includes('existing'),
    )
  })
})

describe('mysql: indexes and constraints', () => {
  test('indexes: DROP INDEX … ON, expression keys in their own parentheses, no partial indexes', () => {
    assert.deepEqual(
      sqlOf(c, { kind: 'create_index', table: 't', schema: 'db', index: { name: 'ix', columns: ['a', 'b'], unique: true } }),
      ['CREATE UNIQUE INDEX `ix` ON `db`.`t` (`a`, `b`)'],
    )
    assert.deepEqual(sqlOf(c, { kind: 'create_index', table: 't', index: { name: 'ix_l', columns: ['lower(a)'], expressions: true } }), [
      'CREATE INDEX `ix_l` ON `t` ((lower(a)))',
    ])
    assert.deepEqual(sqlOf(c, { kind: 'drop_index', table: 't', schema: 'db', name: 'ix' }), ['DROP INDEX `ix` ON `db`.`t`'])
    assert.throws(
      () => c.compileSql({ kind: 'create_index', table: 't', index: { name: 'ix_p', columns: ['a'], where: 'a > 0' } }, 'offline'),
      (e) => isAthanorError(e, 'UNSUPPORTED_FEATURE') && e.message.includes('"ix_p"'),
    )
  })

  test('FULLTEXT, SPATIAL and DESC keys are kept; NULLs order, operator classes and INCLUDE are ignored', () => {
    assert.deepEqual(sqlOf(c, { kind: 'create_index', table: 't', index: { name: 'ft', columns: ['title', 'body'], fulltext: true } }), [
      'CREATE FULLTEXT INDEX `ft` ON `t` (`title`, `body`)',
    ])
    assert.deepEqual(sqlOf(c, { kind: 'create_index', table: 't', index: { name: 'sx', columns: ['place'], spatial: true } }), [
      'CREATE SPATIAL INDEX `sx` ON `t` (`place`)',
    ])
    const index = {
      name: 'ix',
      columns: ['body', 'at'],
      prefixLengths: { body: 20 },
      order: { body: 'desc' as const, at: 'asc' as const },
      nulls: { at: 'first' as const },
      opclass: { body: 'text_pattern_ops' },
      include: ['id'],
    }
    assert.deepEqual(sqlOf(c, { kind: 'create_index', table: 't', index }), ['CREATE INDEX `ix` ON `t` (`body`(20) DESC, `at`)'])
    const created = sqlOf(c, {
      kind: 'create_table',
      table: {
        name: 'a',
        columns: [
          { name: 'id', type: { kind: 'integer' }, primaryKey: true },
          { name: 'body', type: { kind: 'text' } },
        ],
        indexes: [{ name: 'ft_a_body', columns: ['body'], fulltext: true }],
      },
    })
    assert.match(String(created[0]), /FULLTEXT INDEX `ft_a_body` \(`body`\)/)
  })

  test('drop_constraint per type; type inferred from existing; required otherwise', () => {
    const drop = (type?: 'foreignkey' | 'unique' | 'check' | 'primary') =>
      sqlOf(c, { kind: 'drop_constraint', table: 't', name: 'c1', ...(type === undefined ? {} : { type }) })
    assert.deepEqual(drop('foreignkey'), ['ALTER TABLE `t` DROP FOREIGN KEY `c1`'])
    assert.deepEqual(drop('unique'), ['ALTER TABLE `t` DROP INDEX `c1`'])
    assert.deepEqual(drop('check'), ['ALTER TABLE `t` DROP CONSTRAINT `c1`'])
    assert.deepEqual(drop('primary'), ['ALTER TABLE `t` DROP PRIMARY KEY'])
    assert.deepEqual(sqlOf(c, { kind: 'drop_constraint', table: 't', name: 'c1', existing: { expression: 'a > 0' } }), [
      'ALTER TABLE `t` DROP CONSTRAINT `c1`',
    ])
    assert.throws(
      () => drop(),
      (e) => isAthanorError(e, 'MYSQL_CONSTRAINT_TYPE_REQUIRED') && e.message.includes('"c1"') && e.message.includes('"t"'),
    )
  })

  test('add constraints', () => {
    assert.deepEqual(
      sqlOf(c, {
        kind: 'create_foreign_key',
        table: 't',
        constraint: { name: 'fk', columns: ['a'], referredTable: 'p', referredColumns: ['id'], onDelete: 'NO ACTION' },
      }),
      ['ALTER TABLE `t` ADD CONSTRAINT `fk` FOREIGN KEY (`a`) REFERENCES `p` (`id`) ON DELETE NO ACTION'],
    )
    assert.deepEqual(sqlOf(c, { kind: 'create_unique_constraint', table: 't', constraint: { columns: ['a'] } }), [
      'ALTER TABLE `t` ADD UNIQUE (`a`)',
    ])
    assert.deepEqual(sqlOf(c, { kind: 'create_check_constraint', table: 't', constraint: { name: 'ck', expression: 'a > 0' } }), [
      'ALTER TABLE `t` ADD CONSTRAINT `ck` CHECK (a > 0)',
    ])
  })
})

describe('mysql: data', () => {
  test('bulk_insert online and offline, empty row', () => {
    assert.deepEqual(c.compileSql({ kind: 'bulk_insert', table: 't', rows: [{ a: 'x\\y', b: true }, {}] }, 'online'), [
      { sql: 'INSERT INTO `t` (`a`, `b`) VALUES (?, ?)', params: ['x\\y', 1] },
      { sql: 'INSERT INTO `t` () VALUES ()' },
    ])
    assert.deepEqual(sqlOf(c, { kind: 'bulk_insert', table: 't', rows: [{ a: "x\\'y", b: false }] }), [
      "INSERT INTO `t` (`a`, `b`) VALUES ('x\\\\''y', 0)",
    ])
  })
})
