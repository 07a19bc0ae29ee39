import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { DialectName } from '../../src/core/dialect-name.js'
import { dialectNamed } from '../../src/dialect/registry.js'

const find = (dialect: DialectName, sql: string) => dialectNamed(dialect).transactionControl.find(sql)
const ALL: readonly DialectName[] = ['sqlite', 'postgresql', 'mysql']

describe('transaction control statements are found in raw SQL', () => {
  test('every dialect: BEGIN, COMMIT, ROLLBACK, savepoints and SET autocommit, however written', () => {
    for (const dialect of ALL) {
      for (const [sql, found] of [
        ['COMMIT', 'COMMIT'],
        ['commit;', 'commit'],
        ['  Rollback  ', 'Rollback'],
        ['BEGIN', 'BEGIN'],
        ['-- done\n/* and */ COMMIT', 'COMMIT'],
        ['SAVEPOINT s1', 'SAVEPOINT s1'],
        ['RELEASE SAVEPOINT athanor_step', 'RELEASE SAVEPOINT athanor_step'],
        ['ROLLBACK TO SAVEPOINT athanor_step', 'ROLLBACK TO SAVEPOINT athanor_step'],
        ['SET autocommit = 0', 'SET autocommit = 0'],
        ['UPDATE t SET n = 1;\n\n  COMMIT;\nUPDATE t SET n = 2', 'COMMIT'],
        ['UPDATE t SET n = 1; ;; SAVEPOINT\n  x', 'SAVEPOINT x'],
      ] as const) {
        assert.equal(find(dialect, sql), found, `${dialect}: ${sql}`)
      }
    }
  })

  test('every dialect: the words inside strings, quoted names and comments are not statements', () => {
    for (const dialect of ALL) {
      for (const sql of [
        "INSERT INTO t VALUES ('COMMIT')",
        "INSERT INTO t VALUES ('x'); INSERT INTO t VALUES ('; COMMIT; ')",
        "UPDATE t SET note = 'it''s; ROLLBACK'",
        '-- COMMIT\nSELECT 1',
        '/* ; COMMIT; */ SELECT 1',
        'SELECT 1 AS "commit"',
        'SELECT `begin` FROM t',
        'UPDATE t SET n = n + 1',
        'CREATE TABLE savepoints (begin_at INTEGER, commit_id INTEGER)',
        'SET @autocommit = 1',
        '',
        '  ;  ',
      ]) {
        assert.equal(find(dialect, sql), undefined, `${dialect}: ${sql}`)
      }
    }
  })

  test('PostgreSQL: END, ABORT, PREPARE TRANSACTION; dollar quotes, E strings and nested comments', () => {
    assert.equal(find('postgresql', 'END'), 'END')
    assert.equal(find('postgresql', 'abort'), 'abort')
    assert.equal(find('postgresql', "PREPARE TRANSACTION 'x'"), "PREPARE TRANSACTION 'x'")
    assert.equal(find('postgresql', "COMMIT PREPARED 'x'"), "COMMIT PREPARED 'x'")
    assert.equal(find('postgresql', 'START TRANSACTION ISOLATION LEVEL SERIALIZABLE'), 'START TRANSACTION ISOLATION LEVEL SERIALIZABLE')
    assert.equal(find('postgresql', 'PREPARE q AS SELECT 1'), undefined)
    assert.equal(find('postgresql', 'LOCK TABLE t IN ACCESS EXCLUSIVE MODE'), undefined)
    assert.equal(find('postgresql', "DO $$ BEGIN RAISE NOTICE 'x'; COMMIT; END $$"), undefined)
    assert.equal(find('postgresql', 'CREATE FUNCTION f() RETURNS int AS $body$ BEGIN; COMMIT; $body$ LANGUAGE sql'), undefined)
    assert.equal(find('postgresql', "SELECT E'\\'; COMMIT; --'"), undefined)
    assert.equal(find('postgresql', '/* outer /* inner */ COMMIT; */ SELECT 1'), undefined)
    assert.equal(find('postgresql', '/* outer /* inner */ still */ COMMIT'), 'COMMIT')
    // `$` inside a name does not open a dollar quote, and `$1` is a parameter.
    assert.equal(find('postgresql', 'SELECT 1 AS x$y$; COMMIT; SELECT 2 AS z$y$'), 'COMMIT')
    assert.equal(find('postgresql', 'SELECT $1; COMMIT'), 'COMMIT')
    // A SQL-standard body's statements are stored, not run; CASE … END inside it balances.
    assert.equal(
      find('postgresql', 'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; END; ROLLBACK'),
      'ROLLBACK',
    )
    assert.equal(find('postgresql', 'SELECT CASE WHEN true THEN 1 END; end'), 'end')
  })

  test('SQLite: END; a trigger body with CASE is one statement', () => {
    assert.equal(find('sqlite', 'END TRANSACTION'), 'END TRANSACTION')
    assert.equal(find('sqlite', 'BEGIN IMMEDIATE'), 'BEGIN IMMEDIATE')
    assert.equal(find('sqlite', 'SELECT [commit] FROM t'), undefined)
    const trigger = 'CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE b SET n = CASE WHEN n > 0 THEN 1 END; DELETE FROM c; END'
    assert.equal(find('sqlite', trigger), undefined)
    assert.equal(find('sqlite', `${trigger}; END`), 'END')
  })

  test('MySQL: XA, LOCK/UNLOCK TABLES, FLUSH … WITH READ LOCK, completion_type; its comment and string rules', () => {
    assert.equal(find('mysql', "XA START 'x'"), "XA START 'x'")
    assert.equal(find('mysql', 'LOCK TABLES t WRITE'), 'LOCK TABLES t WRITE')
    assert.equal(find('mysql', 'UNLOCK TABLES'), 'UNLOCK TABLES')
    assert.equal(find('mysql', 'FLUSH TABLES WITH READ LOCK'), 'FLUSH TABLES WITH READ LOCK')
    assert.equal(find('mysql', 'FLUSH PRIVILEGES'), undefined)
    assert.equal(find('mysql', 'SET completion_type = CHAIN'), 'SET completion_type = CHAIN')
    assert.equal(find('mysql', 'SET @@session.autocommit := OFF'), 'SET @@session.autocommit := OFF')
    assert.equal(find('mysql', "SET sql_mode = '', SESSION autocommit = 0"), "SET sql_mode = '', SESSION autocommit = 0")
    assert.equal(find('mysql', 'START TRANSACTION WITH CONSISTENT SNAPSHOT'), 'START TRANSACTION WITH CONSISTENT SNAPSHOT')
    assert.equal(find('mysql', 'BEGIN WORK'), 'BEGIN WORK')
    // Backslash escapes, `#` comments, `--` needs a space, and /*! … */ is code the server runs.
    assert.equal(find('mysql', "INSERT INTO t VALUES ('it\\'s; COMMIT')"), undefined)
    assert.equal(find('mysql', 'INSERT INTO t VALUES ("x; COMMIT")'), undefined)
    assert.equal(find('mysql', 'SELECT 1 # ; COMMIT'), undefined)
    assert.equal(find('mysql', 'SELECT 1 -- ; COMMIT'), undefined)
    assert.equal(find('mysql', 'SELECT 1--1\n; COMMIT'), 'COMMIT')
    assert.equal(find('mysql', '/*!50003 COMMIT */'), 'COMMIT')
    assert.equal(find('mysql', '/*M!100100 ROLLBACK */'), 'ROLLBACK')
    assert.equal(find('mysql', '/*+ COMMIT */ SELECT 1'), undefined)
    // A routine's body is stored, not run; END IF, END WHILE and END CASE close their own blocks.
    const procedure =
      'CREATE DEFINER=`root`@`localhost` PROCEDURE p() BEGIN IF 1 THEN START TRANSACTION; END IF; ' +
      'WHILE 0 DO COMMIT; END WHILE; CASE WHEN 1 THEN ROLLBACK; END CASE; SET autocommit = 0; END'
    assert.equal(find('mysql', procedure), undefined)
    assert.equal(find('mysql', `${procedure}; UNLOCK TABLES`), 'UNLOCK TABLES')
    assert.equal(find('mysql', 'CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.n = 1; END; COMMIT'), 'COMMIT')
    // A table whose columns are named like keywords holds no body.
    assert.equal(find('mysql', 'CREATE TABLE t (event INT, begin INT); COMMIT'), 'COMMIT')
    assert.equal(find('postgresql', 'CREATE TABLE t (function INT, begin INT); COMMIT'), 'COMMIT')
    assert.equal(find('sqlite', 'CREATE TABLE t ("trigger" INT, begin INT); COMMIT'), 'COMMIT')
    // MariaDB's anonymous block runs at once.
    assert.equal(find('mysql', 'BEGIN NOT ATOMIC SELECT 1; END'), undefined)
    assert.equal(find('mysql', 'BEGIN NOT ATOMIC START TRANSACTION; END'), 'BEGIN NOT ATOMIC START TRANSACTION; END')
  })

  test('MySQL: DDL commits the open transaction first; only a procedure or a prepared statement may begin one unseen', () => {
    const { commitsFirst, mayBegin } = dialectNamed('mysql').transactionControl
    assert.ok(commitsFirst && mayBegin)
    for (const sql of [
      'CREATE TABLE t (id INT)',
      '  create index ix on t (n)',
      'ALTER TABLE t ADD COLUMN n INT',
      'DROP TABLE t',
      'RENAME TABLE a TO b',
      'TRUNCATE TABLE t',
      'CREATE OR REPLACE VIEW v AS SELECT 1',
      'CREATE TABLE t (id INT); INSERT INTO t VALUES (1)',
    ]) {
      assert.equal(commitsFirst(sql), true, sql)
    }
    for (const sql of [
      'INSERT INTO t VALUES (1)',
      'CREATE TEMPORARY TABLE t (id INT)',
      'CREATE OR REPLACE TEMPORARY TABLE t (id INT)',
      'DROP TEMPORARY TABLE t',
      'DROP PREPARE s',
      'UPDATE t SET n = 1; CREATE TABLE u (id INT)',
      '/* first */ CREATE TABLE t (id INT)',
      'CREATED',
    ]) {
      assert.equal(commitsFirst(sql), false, sql)
    }
    for (const sql of ['CALL p()', 'INSERT INTO t VALUES (1); call p(2)', 'EXECUTE s', "EXECUTE IMMEDIATE 'START TRANSACTION'"]) {
      assert.equal(mayBegin(sql), true, sql)
    }
    for (const sql of ['INSERT INTO t VALUES (1)', 'UPDATE t SET n = f(n)', 'DELETE FROM recall WHERE executed = 1']) {
      assert.equal(mayBegin(sql), false, sql)
    }
    assert.equal(dialectNamed('postgresql').transactionControl.commitsFirst, undefined)
  })
})
