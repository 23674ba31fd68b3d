-- AlterTable
ALTER TABLE "jobs" ADD COLUMN     "progress" TEXT;

-- AlterTable
ALTER TABLE "mtt_integrations" ALTER COLUMN "oauth_url" SET DEFAULT 'https://oauth.mtt.ru';
