-- DropIndex
DROP INDEX "call_events_processed_at_received_at_idx";

-- AlterTable
ALTER TABLE "call_events" ADD COLUMN     "call_external_id" TEXT;

-- AlterTable
ALTER TABLE "calls" ADD COLUMN     "fold_version" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "call_events_tenant_id_call_external_id_idx" ON "call_events"("tenant_id", "call_external_id");

-- Existing rows were stored and folded in one transaction: link them to their call's PBX id and
-- mark the few never marked (settingsChanged) as processed, so the recovery scan starts empty.
UPDATE "call_events" e SET "call_external_id" = c."external_id"
  FROM "calls" c WHERE c."id" = e."call_id" AND e."call_external_id" IS NULL;
UPDATE "call_events" SET "processed_at" = "received_at" WHERE "processed_at" IS NULL;

-- What the fold has not processed yet (server/calls/live-path.ts): empty in normal operation, so
-- the scan at start and the periodic sweep cost nothing.
CREATE INDEX "call_events_unprocessed" ON "call_events"("received_at") WHERE "processed_at" IS NULL;

-- Calls written before the version existed: a new lane (optimistic at version 0) must not write
-- over them without reading their events first.
UPDATE "calls" SET "fold_version" = 1;
