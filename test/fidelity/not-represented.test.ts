import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { DialectName } from '../../src/dialect/types.js'
import { workspace, type Workspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

/**
 * A table and, around it, one object of each kind the models cannot represent, from each database's manual
 * (the views, triggers and routines, and PostgreSQL's enum type, domain, composite and range type, free sequence and partitions,
 * are modelled: pulled, not listed).
 */
/** Per dialect: the schema, what pull lists as not represented, and the end of its summary line where it says more. */
interface Objects {
  readonly sql: readonly string[]
  readonly listed: readonly string[]
  readonly summary?: RegExp
}

const OBJECTS: Readonly<Record<DialectName, Objects>> = {
  sqlite: {
    sql: [
      'CREATE TABLE items (id INTEGER PRIMARY KEY, price REAL NOT NULL, doubled REAL GENERATED ALWAYS AS (price * 2) VIRTUAL)',
      'CREATE VIEW cheap_items AS SELECT id FROM items WHERE price < 10',
      'CREATE TRIGGER items_price AFTER UPDATE ON items BEGIN SELECT 1; END',
      // What tables, indexes and views carry beyond the model (https://sqlite.org/lang_createtable.html).
      'CREATE VIRTUAL TABLE item_search USING fts5(name)',
      // STRICT and WITHOUT ROWID are the table's sqlite options, not listed; its conflict clause is.
      'CREATE TABLE codes (code TEXT PRIMARY KEY, n INTEGER NOT NULL ON CONFLICT IGNORE) STRICT, WITHOUT ROWID',
      'CREATE TABLE pairs (a INTEGER, b INTEGER, nick TEXT, PRIMARY KEY (a DESC, b), UNIQUE (b) ON CONFLICT REPLACE)',
      'CREATE UNIQUE INDEX ux_pairs_nick ON pairs (nick COLLATE NOCASE)',
      // A key compared by a collation of its own, and a key column that takes NULL (SQLite's legacy rule).
      'CREATE TABLE nicks (name TEXT, UNIQUE (name COLLATE NOCASE))',
      'CREATE TABLE handles (handle TEXT NOT NULL, PRIMARY KEY (handle COLLATE NOCASE)) WITHOUT ROWID',
      'CREATE TABLE tags (tag TEXT PRIMARY KEY)',
      // A view's column names are modelled (view()'s columnNames), not listed.
      'CREATE VIEW named_items (item, twice) AS SELECT id, doubled FROM items',
    ],
    listed: [
      'conflict clause codes.n (ON CONFLICT IGNORE)',
      'conflict clause pairs unique (ON CONFLICT REPLACE)',
      'descending primary key pairs',
      'index key collation ux_pairs_nick on pairs',
      'key collation handles primary key',
      'key collation nicks unique',
      'primary key column accepting NULL pairs.a',
      'primary key column accepting NULL pairs.b',
      'primary key column accepting NULL tags.tag',
      'virtual table item_search',
    ],
  },
  postgresql: {
    sql: [
      "CREATE TYPE item_state AS ENUM ('new', 'sold')",
      'CREATE DOMAIN price AS numeric CHECK (VALUE >= 0)',
      'CREATE TABLE items (id integer PRIMARY KEY, cost price NOT NULL, state item_state)',
      'CREATE VIEW cheap_items AS SELECT id FROM items WHERE cost < 10',
      'CREATE MATERIALIZED VIEW item_count AS SELECT count(*) AS n FROM items',
      'CREATE SEQUENCE invoice_numbers START 100',
      "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
      'CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch()',
      'CREATE TABLE sales (id integer NOT NULL, sold_on date NOT NULL) PARTITION BY RANGE (sold_on)',
      "CREATE TABLE sales_2024 PARTITION OF sales FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
      'CREATE INDEX sales_2024_by_id ON sales_2024 (id)',
      'ALTER TABLE sales_2024 ADD CONSTRAINT sales_2024_id_positive CHECK (id > 0)',
      // What tables, keys and indexes carry beyond the model.
      // An exclusion constraint is a postgresql table option, not listed.
      'CREATE TABLE bookings (room integer, during tsrange, CONSTRAINT no_double_booking EXCLUDE USING gist (during WITH &&))',
      // A deferrable unique is modelled; a deferrable primary key is not.
      // Deferrable keys are modelled, not listed.
      'CREATE UNLOGGED TABLE scratch (id integer PRIMARY KEY DEFERRABLE, code integer, CONSTRAINT scratch_code UNIQUE (code) DEFERRABLE)',
      'CREATE TABLE special_items (discount integer) INHERITS (items)',
      // Row level security is a postgresql table option, not listed.
      'ALTER TABLE items ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE sales_2024 FORCE ROW LEVEL SECURITY',
      // A table's policies are its postgresql options; a partition's own are listed.
      'CREATE POLICY sales_2024_mine ON sales_2024 USING (id > 0)',
      'CREATE POLICY items_all ON items USING (true)',
      // UNLOGGED and a table's storage parameters are its postgresql options, not listed.
      'ALTER TABLE scratch SET (fillfactor = 50)',
      // A table's replica identity is a postgresql option; a partition's own is listed.
      'ALTER TABLE scratch REPLICA IDENTITY FULL',
      'ALTER TABLE sales_2024 REPLICA IDENTITY FULL',
      'ALTER TABLE items DISABLE TRIGGER items_touch',
      // A materialized view's indexes are modelled (view()'s indexes), not listed.
      'CREATE INDEX item_count_n ON item_count (n)',
      "COMMENT ON TYPE item_state IS 'where an item is'",
      // An identity's options are modelled, not listed.
      'CREATE TABLE tickets (no integer GENERATED ALWAYS AS IDENTITY (MAXVALUE 999 CYCLE))',
      // SERIAL is modelled by its sequence's name and options (orders_seq_seq's are not listed), not by a type of its own.
      'CREATE TABLE orders (id serial PRIMARY KEY, seq bigserial, line serial, ref integer)',
      'ALTER TABLE orders ALTER COLUMN id TYPE bigint',
      'ALTER SEQUENCE orders_seq_seq INCREMENT 5 START 100',
      'ALTER TABLE orders ALTER COLUMN line DROP NOT NULL',
      'CREATE SEQUENCE order_refs OWNED BY orders.ref',
      // From the manual's pages on each, none of them in the models.
      "CREATE COLLATION case_blind (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
      'CREATE TEXT SEARCH CONFIGURATION items_search (COPY = english)',
      'CREATE TEXT SEARCH DICTIONARY items_words (TEMPLATE = simple)',
      'CREATE STATISTICS orders_refs (dependencies) ON id, ref FROM orders',
      'ALTER TABLE orders ALTER COLUMN ref SET (n_distinct = 100)',
      'CLUSTER orders USING orders_pkey',
      'ALTER VIEW cheap_items ALTER COLUMN id SET DEFAULT 7',
      'CREATE TYPE stock AS (item integer, count integer)',
      'CREATE TABLE stock_levels OF stock',
      'GRANT SELECT ON items TO PUBLIC',
      // A range type's constructors are the type's (modelled with it), not routines of their own (pulled).
      'CREATE TYPE price_range AS RANGE (subtype = numeric)',
      // A partition's index is a partition too: its replica identity is no trait of its own.
      'CREATE TABLE keyed (id integer PRIMARY KEY) PARTITION BY RANGE (id)',
      'CREATE TABLE keyed_low PARTITION OF keyed FOR VALUES FROM (0) TO (100)',
      // Objects of the database and traits of keys and indexes a real schema had and the models have no word for.
      'CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq)',
      'CREATE CAST (stock AS text) WITH INOUT',
      'CREATE PUBLICATION items_feed FOR TABLE items',
      "CREATE FUNCTION items_ddl() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END'",
      'CREATE EVENT TRIGGER items_ddl ON ddl_command_end EXECUTE FUNCTION items_ddl()',
      'CREATE FOREIGN DATA WRAPPER items_wrapper',
      'CREATE SERVER items_remote FOREIGN DATA WRAPPER items_wrapper',
      'CREATE TABLE nothing_yet ()',
      'ALTER TABLE orders ADD CONSTRAINT orders_ref_positive CHECK (ref > 0) NOT VALID',
      'ALTER INDEX orders_pkey SET (fillfactor = 70)',
      'CREATE TABLE tickets_named (no integer GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME ticket_numbers))',
      'CREATE TABLE labels (name text)',
      'CREATE INDEX labels_name_c ON labels (name COLLATE "C")',
      'CREATE TABLE pairs (a integer, b integer, PRIMARY KEY (a, b))',
      'CREATE TABLE pair_refs (a integer, b integer, CONSTRAINT pair_refs_pair FOREIGN KEY (a, b) REFERENCES pairs ON DELETE SET NULL (b))',
      // A partition's own column settings and comments, a domain's collation and a TOAST table's parameters.
      'CREATE TABLE sales_2023 (sold_on date NOT NULL, id integer NOT NULL DEFAULT 0)',
      "ALTER TABLE sales ATTACH PARTITION sales_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')",
      "COMMENT ON TABLE sales_2023 IS 'last year'",
      "COMMENT ON COLUMN sales_2023.id IS 'its id'",
      "COMMENT ON COLUMN stock.count IS 'on hand'",
      'CREATE DOMAIN code AS text COLLATE "C"',
      'CREATE TABLE blobs (id integer PRIMARY KEY, body text) WITH (toast.autovacuum_enabled = false)',
    ],
    listed: [
      'cast stock AS text',
      'clustered index orders_pkey on orders',
      'collation case_blind',
      'column statistics options orders.ref (n_distinct=100)',
      'comment on composite type attribute stock.count',
      'comment on partition sales_2023',
      'comment on partition column sales_2023.id',
      'comment on type item_state',
      'constraint on partition sales_2024_id_positive on sales_2024',
      'domain collation code (C)',
      'event trigger items_ddl',
      'extended statistics orders_refs on orders',
      'foreign data wrapper items_wrapper',
      'foreign key action columns pair_refs_pair on pair_refs',
      'foreign server items_remote',
      'identity sequence name tickets_named.no (ticket_numbers)',
      'index key collation labels_name_c on labels',
      'index on partition sales_2024_by_id on sales_2024',
      'not valid constraint orders_ref_positive on orders',
      'nullable serial column orders.line (pulled as serial, which is NOT NULL)',
      'operator === (integer, integer)',
      'partition column order sales_2023',
      'partition column settings sales_2023.id (DEFAULT 0)',
      'policy on partition sales_2024_mine on sales_2024',
      'privileges table items',
      'publication items_feed',
      'replica identity of partition sales_2024 FULL',
      'row level security on partition sales_2024 (forced)',
      'sequence owned by a column not drawing from it order_refs owned by orders.ref',
      'serial sequence options orders.id (orders_id_seq: AS integer)',
      'storage parameters of TOAST table blobs (autovacuum_enabled=false)',
      'storage parameters of key index orders_pkey on orders (fillfactor=70)',
      'table inheritance special_items inherits items',
      'table without columns nothing_yet',
      'text search configuration items_search',
      'text search dictionary items_words',
      'trigger state items_touch on items (DISABLE)',
      'typed table stock_levels of stock',
      'view column default cheap_items.id',
    ],
    summary:
      /, 1 policy, 2 views, 1 enum type, 1 sequence, 2 domains, 1 composite type, 1 range type, 3 partitions, 2 routines, 1 trigger$/m,
  },
  mysql: {
    sql: [
      'CREATE TABLE items (id INT PRIMARY KEY, price DECIMAL(10,2) NOT NULL)',
      'CREATE VIEW cheap_items AS SELECT id FROM items WHERE price < 10',
      'CREATE TRIGGER items_price BEFORE UPDATE ON items FOR EACH ROW SET NEW.price = NEW.price',
      'CREATE FUNCTION twice(n INT) RETURNS INT DETERMINISTIC RETURN n * 2',
      'CREATE PROCEDURE noop() BEGIN END',
      // The sql_mode a routine is made under is kept with it, and rules how its body reads.
      "SET SESSION sql_mode = 'ANSI_QUOTES'",
      'CREATE FUNCTION thrice(n INT) RETURNS INT DETERMINISTIC RETURN n * 3',
      'SET SESSION sql_mode = DEFAULT',
      'CREATE TABLE sales (id INT NOT NULL, sold_year INT NOT NULL) PARTITION BY RANGE (sold_year) ' +
        '(PARTITION p2024 VALUES LESS THAN (2025), PARTITION pmax VALUES LESS THAN MAXVALUE)',
      // What tables, columns and indexes carry beyond the model.
      'CREATE TABLE price_history (id INT PRIMARY KEY, price DECIMAL(10,2)) WITH SYSTEM VERSIONING',
      // A key to it is not represented either: in the models it would point at no table.
      'CREATE TABLE price_refs (id INT PRIMARY KEY, ph INT, CONSTRAINT fk_ph FOREIGN KEY (ph) REFERENCES price_history (id))',
      'CREATE TABLE notes (id INT PRIMARY KEY, secret INT INVISIBLE, body INT, ' +
        "KEY notes_body (body) COMMENT 'for search') ROW_FORMAT=COMPRESSED",
      // Its check option and SQL SECURITY are modelled, not listed; its algorithm is.
      'CREATE ALGORITHM = MERGE SQL SECURITY INVOKER VIEW checked_items AS SELECT id, price FROM items WHERE price > 0 WITH CHECK OPTION',
    ],
    listed: [
      'foreign key to a table not represented price_refs.fk_ph -> price_history',
      'index comment notes_body on notes',
      'partitioning of table sales',
      'sql mode of function thrice (ANSI_QUOTES)',
      'system-versioned table price_history',
      'table options notes (row_format=COMPRESSED)',
      'view algorithm checked_items (MERGE)',
    ],
  },
}

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`${dialect}: pull and check name every object the models cannot represent`, () => {
    let db: TestDatabase
    let ws: Workspace
    before(async () => {
      db = await createTestDatabase(dialect)
      for (const sql of OBJECTS[dialect].sql) await db.query(sql)
      ws = await workspace(db.url)
    })
    after(async () => {
      ws?.cleanup()
      await db?.drop()
    })

    test('pull writes the tables, says how much it wrote and lists the rest by kind and name', async () => {
      const pulled = await cliOk([...ws.base, 'pull', '-o', ws.models])
      assert.match(pulled.stderr, /^Wrote \d+ tables? to .*models\.ts: \d+ columns?, /m)
      const { summary } = OBJECTS[dialect]
      if (summary !== undefined) assert.match(pulled.stderr, summary)
      const listed = pulled.stderr
        .split('\n')
        .filter((line) => line.startsWith('  '))
        .map((line) => line.trim())
      assert.deepEqual(listed, OBJECTS[dialect].listed)
      const strict = await cli([...ws.base, 'pull', '-o', ws.models, '--strict'])
      assert.equal(strict.status, OBJECTS[dialect].listed.length > 0 ? 1 : 0, strict.stderr)
      const json = JSON.parse((await cliOk([...ws.base, 'pull', '-o', ws.models, '--json'])).stdout) as { notRepresented: unknown[] }
      assert.equal(json.notRepresented.length, OBJECTS[dialect].listed.length)
    })

    test('check lists them as not managed, and a migration drops none of them', async () => {
      await cliOk([...ws.base, 'migrate', '-m', 'adopt'])
      await cliOk([...ws.base, 'stamp', 'head'])
      const checked = await cli([...ws.base, 'check'])
      assert.equal(checked.stdout, 'No new upgrade operations detected.\n', checked.stderr)
      if (OBJECTS[dialect].listed.length > 0) assert.match(checked.stderr, /^Not managed \(\d+\), neither compared nor ever dropped:$/m)
      for (const line of OBJECTS[dialect].listed) assert.ok(checked.stderr.includes(`  ${line}\n`), `${line} in\n${checked.stderr}`)
    })
  })
}
