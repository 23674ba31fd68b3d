-- AlterTable
ALTER TABLE "calls" ADD COLUMN     "end_reported" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "feed_states" ADD COLUMN     "closed_calls" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "last_closed_at" TIMESTAMPTZ(3);
