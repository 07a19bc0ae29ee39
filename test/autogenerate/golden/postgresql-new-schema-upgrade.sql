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

