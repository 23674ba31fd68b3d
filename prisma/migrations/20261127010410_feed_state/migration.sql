-- CreateEnum
CREATE TYPE "FeedGapReason" AS ENUM ('DOWNTIME', 'MISSING_CALLS');

-- AlterTable
ALTER TABLE "calls" ADD COLUMN     "reconciled_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "feed_states" (
    "tenant_id" UUID NOT NULL,
    "alive_at" TIMESTAMPTZ(3) NOT NULL,
    "reconciled_until" TIMESTAMPTZ(3) NOT NULL,
    "gap_since" TIMESTAMPTZ(3),
    "gap_opened_at" TIMESTAMPTZ(3),
    "gap_reason" "FeedGapReason",
    "reconciling_since" TIMESTAMPTZ(3),
    "last_reconciled_at" TIMESTAMPTZ(3),
    "last_filled_calls" INTEGER NOT NULL DEFAULT 0,
    "filled_calls" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "last_error_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "feed_states_pkey" PRIMARY KEY ("tenant_id")
);

-- AddForeignKey
ALTER TABLE "feed_states" ADD CONSTRAINT "feed_states_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
