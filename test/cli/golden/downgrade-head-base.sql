BEGIN;

-- Running downgrade 3c4d5e6f7a8b -> 2b3c4d5e6f7a, create orders

DROP TABLE "orders";

INSERT INTO migration_log (revision, direction) VALUES ('3c4d5e6f7a8b', 'downgrade');

UPDATE "athanor_version" SET "version_num" = '2b3c4d5e6f7a' WHERE "version_num" = '3c4d5e6f7a8b';

COMMIT;

BEGIN;

-- Running downgrade 2b3c4d5e6f7a -> 1a2b3c4d5e6f, add email

DELETE FROM customers;

ALTER TABLE "customers" DROP COLUMN "email";

INSERT INTO migration_log (revision, direction) VALUES ('2b3c4d5e6f7a', 'downgrade');

UPDATE "athanor_version" SET "version_num" = '1a2b3c4d5e6f' WHERE "version_num" = '2b3c4d5e6f7a';

COMMIT;

BEGIN;

-- Running downgrade 1a2b3c4d5e6f -> , create customers

DROP INDEX "ix_customers_name";

DROP TABLE "customers";

INSERT INTO migration_log (revision, direction) VALUES ('1a2b3c4d5e6f', 'downgrade');

DELETE FROM "athanor_version" WHERE "version_num" = '1a2b3c4d5e6f';

COMMIT;

