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

-- Running upgrade  -> 5c4e0a1d2b3f, first

CREATE SCHEMA "audit";

CREATE TABLE "audit"."log" (
  "id" INTEGER NOT NULL,
  "note" TEXT,
  PRIMARY KEY ("id")
);

INSERT INTO "athanor_version" ("version_num") VALUES ('5c4e0a1d2b3f');

COMMIT;

