import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Operation } from '../../src/ops/operation.js'

/** What a child's foreign key does when its parent row goes. */
export type ChildAction = 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT' | 'NO ACTION'

/** A row that makes one of the rebuilds fail. */
export type Breaker = 'null body' | 'duplicate slug' | 'missing editor'

/**
 * An ordinary blog: authors, posts, and two children of posts, `post_tags`
 * (whose action and index vary) and `comments` (ON DELETE SET NULL), plus a
 * view and a trigger that name `posts`.
 */
export function blogSchema(options: { action: ChildAction; indexed: boolean; breaks?: Breaker | undefined }): string {
  const { action, indexed, breaks } = options
  return `
    CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE posts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      author_id INTEGER NOT NULL REFERENCES authors (id),
      editor_id INTEGER,
      title TEXT NOT NULL,
      slug TEXT NOT NULL,
      body TEXT
    );
    CREATE INDEX ix_posts_author ON posts (author_id);
    CREATE TABLE post_tags (
      id INTEGER PRIMARY KEY,
      post_id INTEGER DEFAULT 1 REFERENCES posts (id) ON DELETE ${action},
      tag TEXT NOT NULL
    );
    ${indexed ? 'CREATE INDEX ix_post_tags_post ON post_tags (post_id);' : ''}
    CREATE TABLE comments (id INTEGER PRIMARY KEY, post_id INTEGER REFERENCES posts (id) ON DELETE SET NULL, text TEXT);
    CREATE TABLE audit (what TEXT);
    CREATE VIEW post_titles AS SELECT p.title, a.name FROM posts p JOIN authors a ON a.id = p.author_id;
    CREATE TRIGGER tr_posts AFTER INSERT ON posts BEGIN INSERT INTO audit VALUES ('post ' || new.id); END;
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 5) INSERT INTO authors (name) SELECT 'author' || i FROM k;
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 300)
      INSERT INTO posts (author_id, editor_id, title, slug, body)
        SELECT 1 + i % 5, 1 + i % 3, 'title ' || i, 'slug-' || i, 'body ' || i FROM k;
    DELETE FROM posts WHERE id > 290;
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 600)
      INSERT INTO post_tags (post_id, tag) SELECT 1 + i % 290, 'tag' || (i % 7) FROM k;
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 400)
      INSERT INTO comments (post_id, text) SELECT 1 + i % 290, 'comment ' || i FROM k;
    ${breaks === 'null body' ? 'UPDATE posts SET body = NULL WHERE id = 17;' : ''}
    ${breaks === 'duplicate slug' ? "UPDATE posts SET slug = 'slug-1' WHERE id = 23;" : ''}
    ${breaks === 'missing editor' ? 'UPDATE posts SET editor_id = 999 WHERE id = 31;' : ''}
  `
}

export interface RebuildCase {
  readonly name: string
  readonly ops: readonly Operation[]
  /** The row that makes it fail, and what the error then says. */
  readonly breaks?: Breaker
  readonly message?: RegExp
  /** What holds after it succeeded. */
  readonly check?: (state: DatabaseState) => void
}

/** Rebuilds of `posts`: one that succeeds, and one that fails for each kind of constraint. */
export const REBUILDS: readonly RebuildCase[] = [
  {
    name: 'body made NOT NULL',
    ops: [{ kind: 'alter_column', table: 'posts', column: 'body', changes: { nullable: false } }],
  },
  {
    name: 'body made NOT NULL over a NULL body',
    ops: [{ kind: 'alter_column', table: 'posts', column: 'body', changes: { nullable: false } }],
    breaks: 'null body',
    message: /NOT NULL constraint on "body" fails; e\.g\. row \(id=17,/,
  },
  {
    name: 'a UNIQUE slug over a duplicate',
    ops: [{ kind: 'create_unique_constraint', table: 'posts', constraint: { name: 'uq_posts_slug', columns: ['slug'] } }],
    breaks: 'duplicate slug',
    message: /UNIQUE constraint on \(slug\) fails; e\.g\. row \(id=1,/,
  },
  {
    name: 'a new foreign key over a row it does not fit',
    ops: [
      {
        kind: 'create_foreign_key',
        table: 'posts',
        constraint: { name: 'fk_posts_editor', columns: ['editor_id'], referredTable: 'authors', referredColumns: ['id'] },
      },
    ],
    breaks: 'missing editor',
    message: /"authors".*row \(id=31,/,
  },
]

/** Everything a rebuild must keep or restore, read from a closed connection's file. */
export interface DatabaseState {
  readonly schema: readonly string[]
  readonly rows: Readonly<Record<string, string>>
  readonly foreignKeys: Readonly<Record<string, unknown[]>>
  readonly integrity: string
  readonly violations: unknown[]
  readonly sequence: unknown[]
}

const TABLES = ['authors', 'posts', 'post_tags', 'comments', 'audit']

/** The schema, a checksum of every table's rows (with rowids), foreign-key lists, and the checks. */
export function databaseState(db: Database.Database): DatabaseState {
  try {
    const rows: Record<string, string> = {}
    const foreignKeys: Record<string, unknown[]> = {}
    for (const table of TABLES) {
      const all = db.prepare(`SELECT rowid AS _rowid, * FROM "${table}" ORDER BY rowid`).raw().all()
      rows[table] = createHash('sha256').update(JSON.stringify(all)).digest('hex')
      foreignKeys[table] = db.prepare(`SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list('${table}')`).all()
    }
    return {
      schema: (
        db.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'athanor%' ORDER BY name").all() as {
          sql: string
        }[]
      ).map((r) => r.sql),
      rows,
      foreignKeys,
      integrity: String((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check),
      violations: db.prepare('PRAGMA foreign_key_check').all(),
      sequence: db.prepare("SELECT name, seq FROM sqlite_sequence WHERE name = 'posts'").all(),
    }
  } finally {
    db.close()
  }
}
