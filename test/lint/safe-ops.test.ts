// The safe forms the lint rules point at, as one word: { concurrently: true } on index builds and drops,
// { notValid: true } on foreign keys and checks, and op.validateConstraint to finish them.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { dialectNamed } from '../../src/dialect/registry.js'
import type { Operation } from '../../src/ops/operation.js'
import { renderOperation } from '../../src/ops/render-op.js'
import { reverseOperation } from '../../src/ops/reverse.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { temporaryProjects } from '../helpers/project.js'
import { lintProjects } from './lint-project.js'

const CREATE: Operation = {
  kind: 'create_index',
  table: 'users',
  index: { name: 'ix_users_email', columns: ['email'] },
  concurrently: true,
}
const DROP: Operation = { kind: 'drop_index', table: 'users', name: 'ix_users_email', concurrently: true }

const sqlOf = (dialect: string, op: Operation) => {
  const compiled = dialectNamed(dialect).compiler.compile(op, 'offline')
  return compiled.kind === 'sql' ? compiled.statements.map((statement) => statement.sql) : []
}

describe('concurrently: true on createIndex and dropIndex', () => {
  test('PostgreSQL writes CONCURRENTLY; MySQL and SQLite, which need no such word, write their usual statement', () => {
    assert.deepEqual(sqlOf('postgresql', CREATE), ['CREATE INDEX CONCURRENTLY "ix_users_email" ON "users" ("email")'])
    assert.deepEqual(sqlOf('postgresql', DROP), ['DROP INDEX CONCURRENTLY "ix_users_email"'])
    assert.deepEqual(sqlOf('mysql', CREATE), ['CREATE INDEX `ix_users_email` ON `users` (`email`)'])
    assert.deepEqual(sqlOf('sqlite', DROP), ['DROP INDEX "ix_users_email"'])
  })

  test('the reverse keeps it, and a generated script writes it', () => {
    const reverse = reverseOperation(CREATE)
    assert.equal(reverse.kind === 'drop_index' && reverse.concurrently, true)
    const back = reverseOperation({ ...DROP, existing: { name: 'ix_users_email', columns: ['email'] } })
    assert.equal(back.kind === 'create_index' && back.concurrently, true)
    assert.match(renderOperation(CREATE, { names: new Set() }), /\{ concurrently: true \}\)$/)
    assert.match(renderOperation(DROP, { names: new Set() }), /\{ table: 'users', concurrently: true \}\)$/)
  })

  test('lint passes it in a non-transactional script, and flags it inside a transaction', async () => {
    const lint = lintProjects()
    const body = "  await op.createIndex('ix', 'users', ['email'], { concurrently: true })"
    const safe = await lint('postgresql', { upgrade: body, extra: 'export const transactional = false' })
    assert.deepEqual(
      safe.report.findings.map((finding) => finding.code).filter((code) => code.includes('index') || code.includes('concurrently')),
      [],
    )
    const inTransaction = await lint('postgresql', { upgrade: body })
    assert.ok(inTransaction.report.findings.some((finding) => finding.code === 'concurrently-in-transaction'))
  })

  describe('live on PostgreSQL', () => {
    const db = useTestDatabase('postgresql')
    const projects = temporaryProjects()

    test('an upgrade builds the index concurrently and a downgrade drops it the same way', async () => {
      const project = projects([
        {
          id: 'r1',
          ext: 'js',
          upgrade: "  await op.createTable('users', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'email', type: 'text' }])",
        },
        {
          id: 'r2',
          down: 'r1',
          ext: 'js',
          upgrade: "  await op.createIndex('ix_users_email', 'users', ['email'], { concurrently: true })",
          downgrade: "  await op.dropIndex('ix_users_email', { concurrently: true })",
          extra: 'export const transactional = false',
        },
      ])
      const base = ['-d', project.migrations, '--url', db.url]
      await cliOk(['upgrade', ...base])
      const indexes = async () =>
        (await db.query("SELECT indexname FROM pg_indexes WHERE tablename = 'users' ORDER BY 1")).map((row) => row['indexname'])
      assert.deepEqual(await indexes(), ['ix_users_email', 'users_pkey'])
      await cliOk(['downgrade', ...base])
      assert.deepEqual(await indexes(), ['users_pkey'])
    })
  })
})

describe('notValid: true on createForeignKey and createCheckConstraint', () => {
  const fk: Operation = {
    kind: 'create_foreign_key',
    table: 'orders',
    constraint: { name: 'fk_orders_user', columns: ['user_id'], referredTable: 'users', referredColumns: ['id'], onDelete: 'CASCADE' },
    notValid: true,
  }
  const check: Operation = {
    kind: 'create_check_constraint',
    table: 'users',
    constraint: { name: 'ck_age', expression: 'age > 0' },
    notValid: true,
  }

  test('PostgreSQL writes NOT VALID last; a generated script writes the option', () => {
    assert.deepEqual(sqlOf('postgresql', fk), [
      'ALTER TABLE "orders" ADD CONSTRAINT "fk_orders_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE NOT VALID',
    ])
    assert.deepEqual(sqlOf('postgresql', check), ['ALTER TABLE "users" ADD CONSTRAINT "ck_age" CHECK (age > 0) NOT VALID'])
    assert.match(renderOperation(fk, { names: new Set() }), /notValid: true \}\)$/)
    assert.match(renderOperation(check, { names: new Set() }), /\{ notValid: true \}\)$/)
  })

  test('ifNotExists: PostgreSQL adds the key only where the table has none of that name to that table; MariaDB IF NOT EXISTS', () => {
    const guarded: Operation = fk.kind === 'create_foreign_key' ? { ...fk, ifNotExists: true } : fk
    assert.deepEqual(sqlOf('postgresql', guarded), [
      'DO $athanor$BEGIN IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = \'"orders"\'::regclass ' +
        "AND conname = 'fk_orders_user' AND contype = 'f' AND confrelid = '\"users\"'::regclass) THEN " +
        'ALTER TABLE "orders" ADD CONSTRAINT "fk_orders_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ' +
        'ON DELETE CASCADE NOT VALID; ' +
        'END IF; END$athanor$',
    ])
    assert.deepEqual(sqlOf('mysql', guarded), [
      'ALTER TABLE `orders` ADD CONSTRAINT `fk_orders_user` FOREIGN KEY IF NOT EXISTS (`user_id`) REFERENCES `users` (`id`) ' +
        'ON DELETE CASCADE',
    ])
    assert.match(renderOperation(guarded, { names: new Set() }), /notValid: true, ifNotExists: true \}\)$/)
    const back = reverseOperation(guarded)
    assert.equal(back.kind === 'drop_constraint' && back.ifExists, true)
  })

  test('lint judges the key inside the guard: NOT VALID passes, a key without it is flagged', async () => {
    const lint = lintProjects()
    const codes = async (options: string) => {
      const upgrade = `  await op.createForeignKey('fk', 'orders', 'users', ['user_id'], ['id'], { ${options} })`
      return (await lint('postgresql', { upgrade, extra: 'export const transactional = false' })).report.findings.map((f) => f.code)
    }
    assert.ok(!(await codes('notValid: true, ifNotExists: true')).includes('add-foreign-key'))
    assert.ok((await codes('ifNotExists: true')).includes('add-foreign-key'))
  })

  test('lint passes them on PostgreSQL', async () => {
    const lint = lintProjects()
    const { report } = await lint('postgresql', {
      upgrade:
        "  await op.createForeignKey('fk', 'orders', 'users', ['user_id'], ['id'], { notValid: true })\n" +
        "  await op.createCheckConstraint('ck', 'users', 'age > 0', { notValid: true })",
    })
    const codes = report.findings.map((finding) => finding.code)
    assert.ok(!codes.includes('add-foreign-key') && !codes.includes('add-check-constraint'), codes.join(', '))
  })
})

const UNVALIDATED_FOREIGN_KEY =
  "  await op.createTable('users', [{ name: 'id', type: 'integer', primaryKey: true }])\n" +
  "  await op.createTable('orders', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'user_id', type: 'integer' }])\n" +
  "  await op.createForeignKey('fk_orders_user', 'orders', 'users', ['user_id'], ['id'], { notValid: true })"

describe('op.validateConstraint', () => {
  const validate: Operation = { kind: 'validate_constraint', table: 'orders', schema: 'shop', name: 'fk_orders_user' }

  test('PostgreSQL writes VALIDATE CONSTRAINT; MySQL and SQLite, which checked the rows when adding, write nothing', () => {
    assert.deepEqual(sqlOf('postgresql', validate), ['ALTER TABLE "shop"."orders" VALIDATE CONSTRAINT "fk_orders_user"'])
    assert.deepEqual(sqlOf('mysql', validate), [])
    assert.deepEqual(sqlOf('sqlite', validate), [])
  })

  test('a generated script writes it, and it is its own reverse', () => {
    assert.equal(
      renderOperation(validate, { names: new Set() }),
      "await op.validateConstraint('orders', 'fk_orders_user', { schema: 'shop' })",
    )
    assert.deepEqual(reverseOperation(validate), validate)
  })

  describe('live on PostgreSQL', () => {
    const db = useTestDatabase('postgresql')
    const projects = temporaryProjects()

    test('a NOT VALID foreign key becomes valid, under --sql too, and the downgrade runs', async () => {
      const project = projects([
        {
          id: 'r1',
          ext: 'js',
          upgrade: UNVALIDATED_FOREIGN_KEY,
        },
        {
          id: 'r2',
          down: 'r1',
          ext: 'js',
          upgrade: "  await op.validateConstraint('orders', 'fk_orders_user')",
          downgrade: "  await op.validateConstraint('orders', 'fk_orders_user')",
        },
      ])
      const base = ['-d', project.migrations, '--url', db.url]
      const offline = await cliOk(['upgrade', ...base, '--sql'])
      assert.match(offline.stdout, /ALTER TABLE "orders" VALIDATE CONSTRAINT "fk_orders_user";/)
      const validated = async () =>
        (await db.query("SELECT convalidated FROM pg_constraint WHERE conname = 'fk_orders_user'")).map((row) => row['convalidated'])
      await cliOk(['upgrade', 'r1', ...base])
      assert.deepEqual(await validated(), [false])
      await cliOk(['upgrade', ...base])
      assert.deepEqual(await validated(), [true])
      await cliOk(['downgrade', ...base])
      assert.deepEqual(await validated(), [true])
    })
  })

  describe('live on MariaDB', () => {
    const db = useTestDatabase('mysql')
    const projects = temporaryProjects()

    test('the same script runs, the foreign key having been checked when it was added', async () => {
      const project = projects([
        {
          id: 'r1',
          ext: 'js',
          upgrade: `${UNVALIDATED_FOREIGN_KEY}\n  await op.validateConstraint('orders', 'fk_orders_user')`,
        },
      ])
      await cliOk(['upgrade', '-d', project.migrations, '--url', db.url])
      const [row] = await db.query(
        'SELECT COUNT(*) AS n FROM information_schema.referential_constraints ' +
          "WHERE constraint_schema = DATABASE() AND constraint_name = 'fk_orders_user'",
      )
      assert.equal(Number(row?.['n']), 1)
    })
  })
})

describe('alterColumn(…, { nullable: false, safe: true })', () => {
  const existing = { name: 'user_id', type: { kind: 'integer' } } as const
  const alter: Operation = { kind: 'alter_column', table: 'orders', column: 'user_id', changes: { nullable: false }, existing, safe: true }

  test('PostgreSQL sets NOT NULL through a validated check; MySQL and SQLite write their usual change', () => {
    assert.deepEqual(sqlOf('postgresql', alter), [
      'ALTER TABLE "orders" DROP CONSTRAINT IF EXISTS "orders_user_id_not_null_check", ' +
        'ADD CONSTRAINT "orders_user_id_not_null_check" CHECK ("user_id" IS NOT NULL) NOT VALID',
      'ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_user_id_not_null_check"',
      'ALTER TABLE "orders" ALTER COLUMN "user_id" SET NOT NULL',
      'ALTER TABLE "orders" DROP CONSTRAINT IF EXISTS "orders_user_id_not_null_check"',
    ])
    assert.deepEqual(sqlOf('mysql', alter), ['ALTER TABLE `orders` MODIFY COLUMN `user_id` INT NOT NULL'])
    assert.equal(dialectNamed('sqlite').compiler.compile(alter, 'offline').kind, 'rebuild')
  })

  test('other changes keep their statements; a generated script writes the option; the reverse needs no scan', () => {
    const both: Operation = { ...alter, changes: { nullable: false, serverDefault: { kind: 'literal', value: 0 } } }
    assert.deepEqual(sqlOf('postgresql', both).slice(3), [
      'ALTER TABLE "orders" DROP CONSTRAINT IF EXISTS "orders_user_id_not_null_check"',
      'ALTER TABLE "orders" ALTER COLUMN "user_id" SET DEFAULT 0',
    ])
    assert.match(renderOperation(alter, { names: new Set() }), /safe: true \}\)$/)
    const back = reverseOperation(alter)
    assert.ok(back.kind === 'alter_column' && back.safe === undefined && back.changes.nullable === true)
  })

  test('set-not-null passes it in a non-transactional script on PostgreSQL 12+, and flags it in a transaction or before 12', async () => {
    const lint = lintProjects()
    const body = "  await op.alterColumn('users', 'email', { nullable: false, safe: true })"
    const flagged = async (extra: string | undefined, serverVersion = '15') => {
      const { report } = await lint('postgresql', { upgrade: body, ...(extra === undefined ? {} : { extra }) }, { serverVersion })
      return report.findings.some((finding) => finding.code === 'set-not-null')
    }
    assert.equal(await flagged('export const transactional = false'), false)
    assert.equal(await flagged(undefined), true)
    assert.equal(await flagged('export const transactional = false', '11'), true)
  })

  describe('live on PostgreSQL', () => {
    const db = useTestDatabase('postgresql')
    const projects = temporaryProjects()

    test('the column becomes NOT NULL with no check left behind; a NULL row fails the validation and changes nothing', async () => {
      const project = projects([
        {
          id: 'r1',
          ext: 'js',
          upgrade: "  await op.createTable('orders', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'note', type: 'text' }])",
        },
        {
          id: 'r2',
          down: 'r1',
          ext: 'js',
          upgrade: "  await op.alterColumn('orders', 'note', { nullable: false, safe: true })",
          downgrade: "  await op.alterColumn('orders', 'note', { nullable: true })",
        },
      ])
      const base = ['-d', project.migrations, '--url', db.url]
      const offline = await cliOk(['upgrade', ...base, '--sql'])
      assert.match(offline.stdout, /VALIDATE CONSTRAINT "orders_note_not_null_check";\n/)
      await cliOk(['upgrade', 'r1', ...base])
      await db.query('INSERT INTO orders VALUES (1, NULL)')
      const refused = await cli(['upgrade', ...base])
      assert.notEqual(refused.status, 0)
      assert.match(refused.stderr, /orders_note_not_null_check/)
      await db.query("UPDATE orders SET note = 'x'")
      await cliOk(['upgrade', ...base])
      const column = await db.query(
        "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'note'",
      )
      assert.deepEqual(column, [{ is_nullable: 'NO' }])
      assert.deepEqual(await db.query("SELECT conname FROM pg_constraint WHERE conname = 'orders_note_not_null_check'"), [])
    })
  })

  describe('live on PostgreSQL, outside a transaction', () => {
    const db = useTestDatabase('postgresql')
    const projects = temporaryProjects()

    test('a NULL row stops it after its check was added; once the rows are fixed, --retry runs it again', async () => {
      const project = projects([
        {
          id: 'r1',
          ext: 'js',
          upgrade: "  await op.createTable('notes', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'body', type: 'text' }])",
        },
        {
          id: 'r2',
          down: 'r1',
          ext: 'js',
          upgrade: "  await op.alterColumn('notes', 'body', { nullable: false, safe: true })",
          downgrade: "  await op.alterColumn('notes', 'body', { nullable: true })",
          extra: 'export const transactional = false',
        },
      ])
      const base = ['-d', project.migrations, '--url', db.url]
      await cliOk(['upgrade', 'r1', ...base])
      await db.query('INSERT INTO notes VALUES (1, NULL)')
      const stopped = await cli(['upgrade', ...base])
      assert.match(stopped.stderr, /statement 1 took effect/)
      await db.query("UPDATE notes SET body = 'x'")
      await cliOk(['resolve', 'r2', '--retry', ...base])
      const column = await db.query(
        "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'body'",
      )
      assert.deepEqual(column, [{ is_nullable: 'NO' }])
      assert.deepEqual(await db.query("SELECT conname FROM pg_constraint WHERE conname = 'notes_body_not_null_check'"), [])
    })
  })
})

describe('concurrently: true in a script athanor runs in a transaction', () => {
  const graph = [
    {
      id: 'r1',
      ext: 'js',
      upgrade: "  await op.createTable('users', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'email', type: 'text' }])",
    },
    { id: 'r2', down: 'r1', ext: 'js', upgrade: "  await op.createIndex('ix_users_email', 'users', ['email'], { concurrently: true })" },
  ] as const

  describe('live on PostgreSQL', () => {
    const db = useTestDatabase('postgresql')
    const projects = temporaryProjects()

    test('is refused before it is sent, naming the revision and the fix; --sql writes it, for lint to flag', async () => {
      const base = ['-d', projects([...graph]).migrations, '--url', db.url]
      const offline = await cliOk(['upgrade', ...base, '--sql'])
      assert.match(offline.stdout, /CREATE INDEX CONCURRENTLY "ix_users_email"/)
      const live = await cli(['upgrade', ...base])
      assert.notEqual(live.status, 0)
      assert.match(live.stderr, /revision r2: .*export const transactional = false/)
      assert.deepEqual(await db.query("SELECT indexname FROM pg_indexes WHERE indexname = 'ix_users_email'"), [])
    })
  })

  describe('a concurrent build that fails, live on PostgreSQL', () => {
    const db = useTestDatabase('postgresql')
    const projects = temporaryProjects()

    test('leaves no INVALID index behind: it is dropped and the failure names it', async () => {
      const project = projects([
        { ...graph[0], upgrade: `${graph[0].upgrade}\n  await op.execute("INSERT INTO users VALUES (1, 'a'), (2, 'a')")` },
        {
          ...graph[1],
          upgrade: "  await op.createIndex('ix_users_email', 'users', ['email'], { unique: true, concurrently: true })",
          extra: 'export const transactional = false',
        },
      ])
      const failed = await cli(['upgrade', '-d', project.migrations, '--url', db.url])
      assert.notEqual(failed.status, 0)
      assert.match(failed.stderr, /concurrent build of index "public"\."ix_users_email" on table users left it INVALID.*dropped/)
      assert.deepEqual(await db.query("SELECT relname FROM pg_class WHERE relname = 'ix_users_email'"), [])
    })
  })

  describe('live on SQLite', () => {
    const db = useTestDatabase('sqlite')
    const projects = temporaryProjects()

    test('runs, as SQLite has no concurrent build and ignores the option', async () => {
      await cliOk(['upgrade', '-d', projects([...graph]).migrations, '--url', db.url])
    })
  })
})

describe('algorithm and lock on the operations MySQL runs as online DDL', () => {
  const add: Operation = { kind: 'add_column', table: 'users', column: { name: 'bio', type: { kind: 'text' } }, algorithm: 'INSTANT' }
  const index: Operation = {
    kind: 'create_index',
    table: 'users',
    index: { name: 'ix_bio', columns: ['bio'] },
    algorithm: 'INPLACE',
    lock: 'NONE',
  }
  const drop: Operation = { kind: 'drop_index', table: 'users', name: 'ix_bio', lock: 'NONE' }

  test('MySQL appends ALGORITHM= and LOCK=; PostgreSQL and SQLite ignore them; a generated script writes them', () => {
    assert.deepEqual(sqlOf('mysql', add), ['ALTER TABLE `users` ADD COLUMN `bio` TEXT, ALGORITHM=INSTANT'])
    assert.deepEqual(sqlOf('mysql', index), ['CREATE INDEX `ix_bio` ON `users` (`bio`) ALGORITHM=INPLACE LOCK=NONE'])
    assert.deepEqual(sqlOf('mysql', drop), ['ALTER TABLE `users` DROP INDEX `ix_bio`, LOCK=NONE'])
    assert.deepEqual(sqlOf('postgresql', add), ['ALTER TABLE "users" ADD COLUMN "bio" TEXT'])
    assert.deepEqual(sqlOf('sqlite', drop), ['DROP INDEX "ix_bio"'])
    assert.match(renderOperation(add, { names: new Set() }), /\{ algorithm: 'INSTANT' \}\)$/)
    assert.match(renderOperation(index, { names: new Set() }), /\{ algorithm: 'INPLACE', lock: 'NONE' \}\)$/)
  })

  describe('live on MariaDB', () => {
    const db = useTestDatabase('mysql')
    const projects = temporaryProjects()

    test('the server takes the clauses, and refuses an algorithm the change cannot use', async () => {
      const project = projects([
        {
          id: 'r1',
          ext: 'js',
          upgrade:
            "  await op.createTable('users', [{ name: 'id', type: 'integer', primaryKey: true }])\n" +
            "  await op.addColumn('users', { name: 'bio', type: 'integer' }, { algorithm: 'INSTANT' })\n" +
            "  await op.createIndex('ix_bio', 'users', ['bio'], { algorithm: 'INPLACE', lock: 'NONE' })\n" +
            "  await op.dropIndex('ix_bio', { table: 'users', lock: 'NONE' })",
        },
        {
          id: 'r2',
          down: 'r1',
          ext: 'js',
          upgrade: "  await op.alterColumn('users', 'bio', { type: 'text', existing: { name: 'bio', type: 'integer' }, lock: 'NONE' })",
        },
      ])
      const base = ['-d', project.migrations, '--url', db.url]
      const offline = await cliOk(['upgrade', 'r1', ...base, '--sql'])
      assert.match(offline.stdout, /ALTER TABLE `users` ADD COLUMN `bio` INT(EGER)?, ALGORITHM=INSTANT;/)
      await cliOk(['upgrade', 'r1', ...base])
      const refused = await cli(['upgrade', ...base])
      assert.notEqual(refused.status, 0)
      assert.match(refused.stderr, /LOCK=NONE/)
    })
  })
})
