-- AlterTable
ALTER TABLE "login_attempts" ADD COLUMN     "decided_at" TIMESTAMPTZ(3);
