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

CREATE TABLE "athanor_version" ("version_num" VARCHAR(32) NOT NULL, CONSTRAINT "athanor_version_pkc" PRIMARY KEY ("version_num"));

COMMIT;

BEGIN;

-- Running upgrade  -> stage1, stage 1

CREATE TABLE "log" (
  "id" INTEGER GENERATED ALWAYS AS IDENTITY NOT NULL,
  "message" TEXT NOT NULL,
  "level" INTEGER NOT NULL,
  PRIMARY KEY ("id")
);

CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$;

CREATE FUNCTION add(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT a || b $$;

CREATE PROCEDURE log_it(message text) LANGUAGE sql
  AS $$ INSERT INTO log (message, level) VALUES (message, 0) $$;

CREATE PROCEDURE log_it(message text, level int4)
  LANGUAGE sql AS $$ INSERT INTO log (message, level) VALUES (message, level) $$;

CREATE FUNCTION avg_accum(state numeric[], value numeric) RETURNS numeric[] LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT ARRAY[state[1] + value, state[2] + 1] $$;

CREATE FUNCTION avg_final(state numeric[]) RETURNS numeric LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE WHEN state[2] = 0 THEN NULL ELSE state[1] / state[2] END $$;

CREATE AGGREGATE my_avg (numeric)
(
    sfunc = avg_accum,
    stype = numeric[],
    finalfunc = avg_final,
    initcond = '{0,0}'
);

INSERT INTO "athanor_version" ("version_num") VALUES ('stage1');

COMMIT;

BEGIN;

-- Running upgrade stage1 -> stage2, stage 2

CREATE OR REPLACE FUNCTION add(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT a || ' ' || b $$;

UPDATE "athanor_version" SET "version_num" = 'stage2' WHERE "version_num" = 'stage1';

COMMIT;

BEGIN;

-- Running upgrade stage2 -> stage3, stage 3

DO $$BEGIN EXECUTE format('DROP PROCEDURE %I."log_it"(text)', current_schema()); END$$;

DO $$BEGIN EXECUTE format('DROP FUNCTION %I."add"(text, text)', current_schema()); END$$;

CREATE OR REPLACE AGGREGATE my_avg (numeric)
(
    sfunc = avg_accum,
    stype = numeric[],
    finalfunc = avg_final,
    initcond = '{10,1}'
);

UPDATE "athanor_version" SET "version_num" = 'stage3' WHERE "version_num" = 'stage2';

COMMIT;

BEGIN;

-- Running upgrade stage3 -> stage4, stage 4

DO $$BEGIN EXECUTE format('DROP AGGREGATE %I."my_avg"(numeric)', current_schema()); END$$;

DO $$BEGIN EXECUTE format('DROP PROCEDURE %I."log_it"(text, integer)', current_schema()); END$$;

DO $$BEGIN EXECUTE format('DROP FUNCTION %I."avg_final"(numeric[])', current_schema()); END$$;

DO $$BEGIN EXECUTE format('DROP FUNCTION %I."avg_accum"(numeric[], numeric)', current_schema()); END$$;

DO $$BEGIN EXECUTE format('DROP FUNCTION %I."add"(integer, integer)', current_schema()); END$$;

UPDATE "athanor_version" SET "version_num" = 'stage4' WHERE "version_num" = 'stage3';

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

-- Running downgrade stage4 -> stage3, stage 4

CREATE OR REPLACE FUNCTION add(a integer, b integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT a + b $function$;

CREATE OR REPLACE FUNCTION avg_accum(state numeric[], value numeric)
 RETURNS numeric[]
 LANGUAGE sql
 IMMUTABLE STRICT
AS $function$ SELECT ARRAY[state[1] + value, state[2] + 1] $function$;

CREATE OR REPLACE FUNCTION avg_final(state numeric[])
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT CASE WHEN state[2] = 0 THEN NULL ELSE state[1] / state[2] END $function$;

CREATE OR REPLACE PROCEDURE log_it(IN message text, IN level integer)
 LANGUAGE sql
AS $procedure$ INSERT INTO log (message, level) VALUES (message, level) $procedure$;

CREATE OR REPLACE AGGREGATE my_avg(numeric) (
    SFUNC = avg_accum,
    STYPE = numeric[],
    FINALFUNC = avg_final,
    INITCOND = '{10,1}'
);

UPDATE "athanor_version" SET "version_num" = 'stage3' WHERE "version_num" = 'stage4';

COMMIT;

BEGIN;

-- Running downgrade stage3 -> stage2, stage 3

CREATE OR REPLACE AGGREGATE my_avg(numeric) (
    SFUNC = avg_accum,
    STYPE = numeric[],
    FINALFUNC = avg_final,
    INITCOND = '{0,0}'
);

CREATE OR REPLACE FUNCTION add(a text, b text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT a || ' ' || b $function$;

CREATE OR REPLACE PROCEDURE log_it(IN message text)
 LANGUAGE sql
AS $procedure$ INSERT INTO log (message, level) VALUES (message, 0) $procedure$;

UPDATE "athanor_version" SET "version_num" = 'stage2' WHERE "version_num" = 'stage3';

COMMIT;

BEGIN;

-- Running downgrade stage2 -> stage1, stage 2

CREATE OR REPLACE FUNCTION add(a text, b text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT a || b $function$;

UPDATE "athanor_version" SET "version_num" = 'stage1' WHERE "version_num" = 'stage2';

COMMIT;

BEGIN;

-- Running downgrade stage1 -> , stage 1

DO $$BEGIN EXECUTE format('DROP AGGREGATE %I."my_avg"(numeric)', current_schema()); END$$;

DO $$BEGIN EXECUTE format('DROP FUNCTION %I."avg_final"(numeric[])', current_schema()); END$$;

DO $$BEGIN EXECUTE format('DROP FUNCTION %I."avg_accum"(numeric[], numeric)', current_schema()); END$$;

DO $$BEGIN EXECUTE format('DROP PROCEDURE %I."log_it"(text, integer)', current_schema()); END$$;

DO $$BEGIN EXECUTE format('DROP PROCEDURE %I."log_it"(text)', current_schema()); END$$;

DO $$BEGIN EXECUTE format('DROP FUNCTION %I."add"(text, text)', current_schema()); END$$;

DO $$BEGIN EXECUTE format('DROP FUNCTION %I."add"(integer, integer)', current_schema()); END$$;

DROP TABLE "log";

DELETE FROM "athanor_version" WHERE "version_num" = 'stage1';

COMMIT;

