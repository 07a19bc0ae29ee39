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

-- Running downgrade 5c4e0a1d2b3f -> , first

DROP TABLE "audit"."log";

DROP SCHEMA "audit";

DELETE FROM "athanor_version" WHERE "version_num" = '5c4e0a1d2b3f';

COMMIT;

