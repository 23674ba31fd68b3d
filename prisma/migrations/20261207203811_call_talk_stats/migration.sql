-- CreateEnum
CREATE TYPE "TalkStatsStatus" AS ENUM ('PENDING', 'READY', 'FAILED');

-- CreateEnum
CREATE TYPE "TalkParty" AS ENUM ('MANAGER', 'CLIENT');

-- CreateTable
CREATE TABLE "call_talk_stats" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "call_id" UUID NOT NULL,
    "recording_id" UUID NOT NULL,
    "status" "TalkStatsStatus" NOT NULL DEFAULT 'PENDING',
    "error" TEXT,
    "channels" INTEGER,
    "duration_sec" DOUBLE PRECISION,
    "speech_sec" DOUBLE PRECISION,
    "silence_sec" DOUBLE PRECISION,
    "longest_silence_sec" DOUBLE PRECISION,
    "manager_talk_sec" DOUBLE PRECISION,
    "client_talk_sec" DOUBLE PRECISION,
    "talk_ratio" DOUBLE PRECISION,
    "overlap_sec" DOUBLE PRECISION,
    "overlap_count" INTEGER,
    "manager_interruptions" INTEGER,
    "first_words_sec" DOUBLE PRECISION,
    "longest_monologue_sec" DOUBLE PRECISION,
    "longest_monologue_party" "TalkParty",
    "segments" JSONB,
    "analyzed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "call_talk_stats_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "call_talk_stats_call_id_key" ON "call_talk_stats"("call_id");

-- CreateIndex
CREATE INDEX "call_talk_stats_tenant_id_status_idx" ON "call_talk_stats"("tenant_id", "status");

-- CreateIndex
CREATE INDEX "call_talk_stats_recording_id_idx" ON "call_talk_stats"("recording_id");

-- AddForeignKey
ALTER TABLE "call_talk_stats" ADD CONSTRAINT "call_talk_stats_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_talk_stats" ADD CONSTRAINT "call_talk_stats_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_talk_stats" ADD CONSTRAINT "call_talk_stats_recording_id_fkey" FOREIGN KEY ("recording_id") REFERENCES "recordings"("id") ON DELETE CASCADE ON UPDATE CASCADE;
