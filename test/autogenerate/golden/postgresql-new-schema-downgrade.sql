BEGIN;

-- Running downgrade 5c4e0a1d2b3f -> , first

DROP TABLE "audit"."log";

DROP SCHEMA "audit";

DELETE FROM "athanor_version" WHERE "version_num" = '5c4e0a1d2b3f';

COMMIT;

