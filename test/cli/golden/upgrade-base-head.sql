BEGIN;

CREATE TABLE "athanor_version" ("version_num" VARCHAR(32) NOT NULL, CONSTRAINT "athanor_version_pkc" PRIMARY KEY ("version_num"));

COMMIT;

BEGIN;

-- Running upgrade  -> 1a2b3c4d5e6f, create customers

CREATE TABLE IF NOT EXISTS migration_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, revision TEXT NOT NULL, direction TEXT NOT NULL);

CREATE TABLE "customers" (
  "id" INTEGER NOT NULL,
  "name" VARCHAR(80) NOT NULL,
  "active" BOOLEAN DEFAULT 1,
  PRIMARY KEY ("id")
);

CREATE INDEX "ix_customers_name" ON "customers" ("name");

INSERT INTO migration_log (revision, direction) VALUES ('1a2b3c4d5e6f', 'upgrade');

INSERT INTO "athanor_version" ("version_num") VALUES ('1a2b3c4d5e6f');

COMMIT;

BEGIN;

-- Running upgrade 1a2b3c4d5e6f -> 2b3c4d5e6f7a, add email

ALTER TABLE "customers" ADD COLUMN "email" VARCHAR(120);

INSERT INTO "customers" ("id", "name", "email") VALUES (1, 'O''Brien', 'ob@example.com');

INSERT INTO "customers" ("id", "name", "email") VALUES (2, 'Ann', NULL);

INSERT INTO migration_log (revision, direction) VALUES ('2b3c4d5e6f7a', 'upgrade');

UPDATE "athanor_version" SET "version_num" = '2b3c4d5e6f7a' WHERE "version_num" = '1a2b3c4d5e6f';

COMMIT;

BEGIN;

-- Running upgrade 2b3c4d5e6f7a -> 3c4d5e6f7a8b, create orders

CREATE TABLE "orders" (
  "id" INTEGER NOT NULL,
  "customer_id" INTEGER NOT NULL,
  "total" NUMERIC(10, 2),
  PRIMARY KEY ("id"),
  CONSTRAINT "fk_orders_customer" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id")
);

INSERT INTO migration_log (revision, direction) VALUES ('3c4d5e6f7a8b', 'upgrade');

UPDATE "athanor_version" SET "version_num" = '3c4d5e6f7a8b' WHERE "version_num" = '2b3c4d5e6f7a';

COMMIT;

