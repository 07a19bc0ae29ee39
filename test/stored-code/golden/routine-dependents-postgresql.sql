-- upgrade
-- ddlLockTimeout: athanor's default lock timeout (2 s), where the session has none of its own

DO $$
BEGIN
  IF current_setting('lock_timeout') = '0' THEN
    PERFORM set_config('lock_timeout', '2000', false);
    PERFORM set_config('athanor.lock_timeout', 'default', false);
  END IF;
END
$$;

BEGIN;

-- Running upgrade s1 -> s2, s2

DROP TRIGGER "items_bump" ON "items";

ALTER TABLE "items" ALTER COLUMN "n" DROP DEFAULT;

ALTER TABLE "items" DROP CONSTRAINT "ck_items_twice";

DROP INDEX "ix_items_positive";

DROP INDEX "ix_items_twice";

ALTER DOMAIN "small" DROP CONSTRAINT "small_twice";

ALTER DOMAIN "small" DROP DEFAULT;

DO $$BEGIN EXECUTE format('DROP FUNCTION %I."twice"(integer, integer)', current_schema()); END$$;

CREATE FUNCTION twice(x int, k int DEFAULT 2) RETURNS int LANGUAGE sql IMMUTABLE
  AS $$ SELECT x * k $$;

ALTER TABLE "items" ALTER COLUMN "n" SET DEFAULT twice(2);

ALTER TABLE "items" ADD CONSTRAINT "ck_items_twice" CHECK (twice(qty) < 100);

CREATE INDEX "ix_items_positive" ON "items" ("id") WHERE twice(qty) > 0;

CREATE INDEX "ix_items_twice" ON "items" ((twice(qty)));

ALTER DOMAIN "small" SET DEFAULT twice(1);

ALTER DOMAIN "small" ADD CONSTRAINT "small_twice" CHECK (twice(VALUE) < 1000);

CREATE TRIGGER items_bump BEFORE INSERT ON items FOR EACH ROW WHEN (twice(NEW.qty) > 10)
  EXECUTE FUNCTION bump();

UPDATE "athanor_version" SET "version_num" = 's2' WHERE "version_num" = 's1';

COMMIT;


-- downgrade
-- ddlLockTimeout: athanor's default lock timeout (2 s), where the session has none of its own

DO $$
BEGIN
  IF current_setting('lock_timeout') = '0' THEN
    PERFORM set_config('lock_timeout', '2000', false);
    PERFORM set_config('athanor.lock_timeout', 'default', false);
  END IF;
END
$$;

BEGIN;

-- Running downgrade s2 -> s1, s2

DROP TRIGGER "items_bump" ON "items";

ALTER DOMAIN "small" DROP CONSTRAINT "small_twice";

ALTER DOMAIN "small" DROP DEFAULT;

DROP INDEX "ix_items_twice";

DROP INDEX "ix_items_positive";

ALTER TABLE "items" DROP CONSTRAINT "ck_items_twice";

ALTER TABLE "items" ALTER COLUMN "n" DROP DEFAULT;

DO $$BEGIN EXECUTE format('DROP FUNCTION %I."twice"(integer, integer)', current_schema()); END$$;

CREATE OR REPLACE FUNCTION twice(a integer, k integer DEFAULT 2)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT a * k $function$;

ALTER DOMAIN "small" SET DEFAULT twice(1);

ALTER DOMAIN "small" ADD CONSTRAINT "small_twice" CHECK ((twice(VALUE) < 1000));

CREATE INDEX "ix_items_twice" ON "items" ((twice(qty)));

CREATE INDEX "ix_items_positive" ON "items" ("id") WHERE (twice(qty) > 0);

ALTER TABLE "items" ADD CONSTRAINT "ck_items_twice" CHECK ((twice(qty) < 100));

ALTER TABLE "items" ALTER COLUMN "n" SET DEFAULT twice(2);

CREATE TRIGGER items_bump BEFORE INSERT ON items FOR EACH ROW WHEN ((twice(new.qty) > 10)) EXECUTE FUNCTION bump();

UPDATE "athanor_version" SET "version_num" = 's1' WHERE "version_num" = 's2';

COMMIT;

