-- CreateEnum
CREATE TYPE "SpeechBackend" AS ENUM ('OFF', 'OPENAI', 'LOCAL');

-- AlterTable
ALTER TABLE "transcript_segments" ADD COLUMN     "search_vector" tsvector;

-- CreateTable
CREATE TABLE "speech_settings" (
    "tenant_id" UUID NOT NULL,
    "backend" "SpeechBackend" NOT NULL DEFAULT 'OFF',
    "endpoint" TEXT,
    "api_key_enc" TEXT,
    "model" TEXT NOT NULL DEFAULT 'whisper-1',
    "language" TEXT NOT NULL DEFAULT 'ru',
    "answered_only" BOOLEAN NOT NULL DEFAULT true,
    "min_talk_sec" INTEGER NOT NULL DEFAULT 10,
    "directions" "CallDirection"[] DEFAULT ARRAY['IN', 'OUT']::"CallDirection"[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "speech_settings_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateIndex
CREATE INDEX "transcript_segments_search_vector_idx" ON "transcript_segments" USING GIN ("search_vector");

-- AddForeignKey
ALTER TABLE "speech_settings" ADD CONSTRAINT "speech_settings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search over transcripts with Russian stemming ("договора" finds "договор"): a
-- trigger keeps each segment's tsvector, the GIN index above serves @@ queries. 'russian' is
-- built into PostgreSQL and the embedded PGlite alike. The migration tool splits scripts at
-- every semicolon, so the function body spells its semicolons as \x3b.
CREATE FUNCTION pult_transcript_segments_search() RETURNS TRIGGER
  LANGUAGE plpgsql
  AS E'
  BEGIN
    NEW.search_vector := to_tsvector(''russian'', NEW.text)\x3b
    RETURN NEW\x3b
  END
  ';

CREATE TRIGGER transcript_segments_search
  BEFORE INSERT OR UPDATE OF text ON transcript_segments
  FOR EACH ROW EXECUTE FUNCTION pult_transcript_segments_search();
