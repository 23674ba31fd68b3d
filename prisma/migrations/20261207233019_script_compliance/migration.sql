-- CreateEnum
CREATE TYPE "ScriptStepStatus" AS ENUM ('PASSED', 'MISSED', 'VIOLATED');

-- AlterTable
ALTER TABLE "evaluation_answers" ADD COLUMN     "auto_value" TEXT;

-- CreateTable
CREATE TABLE "scripts" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "is_enabled" BOOLEAN NOT NULL DEFAULT true,
    "directions" "CallDirection"[],
    "numbers" TEXT[],
    "latest_version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scripts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "script_versions" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "script_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "template_id" UUID,
    "scorecard_version_id" UUID,
    "content" JSONB NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "script_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "script_checks" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "call_id" UUID NOT NULL,
    "script_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "manager_id" UUID,
    "call_started_at" TIMESTAMPTZ(3) NOT NULL,
    "passed" INTEGER NOT NULL,
    "missed" INTEGER NOT NULL,
    "violated" INTEGER NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "script_checks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "script_step_results" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "check_id" UUID NOT NULL,
    "call_id" UUID NOT NULL,
    "script_id" UUID NOT NULL,
    "step_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status" "ScriptStepStatus" NOT NULL,
    "reason" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "manager_id" UUID,
    "call_started_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "script_step_results_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "script_auto_answers" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "call_id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "criterion_id" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "check_id" UUID NOT NULL,
    "step_ids" TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "script_auto_answers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "scripts_tenant_id_name_key" ON "scripts"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "script_versions_tenant_id_idx" ON "script_versions"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "script_versions_script_id_version_key" ON "script_versions"("script_id", "version");

-- CreateIndex
CREATE INDEX "script_checks_tenant_id_call_started_at_idx" ON "script_checks"("tenant_id", "call_started_at");

-- CreateIndex
CREATE UNIQUE INDEX "script_checks_call_id_script_id_key" ON "script_checks"("call_id", "script_id");

-- CreateIndex
CREATE INDEX "script_step_results_tenant_id_script_id_call_started_at_idx" ON "script_step_results"("tenant_id", "script_id", "call_started_at");

-- CreateIndex
CREATE UNIQUE INDEX "script_step_results_check_id_step_id_key" ON "script_step_results"("check_id", "step_id");

-- CreateIndex
CREATE INDEX "script_auto_answers_tenant_id_idx" ON "script_auto_answers"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "script_auto_answers_call_id_template_id_criterion_id_key" ON "script_auto_answers"("call_id", "template_id", "criterion_id");

-- AddForeignKey
ALTER TABLE "scripts" ADD CONSTRAINT "scripts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "script_versions" ADD CONSTRAINT "script_versions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "script_versions" ADD CONSTRAINT "script_versions_script_id_fkey" FOREIGN KEY ("script_id") REFERENCES "scripts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "script_checks" ADD CONSTRAINT "script_checks_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "script_checks" ADD CONSTRAINT "script_checks_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "script_checks" ADD CONSTRAINT "script_checks_script_id_fkey" FOREIGN KEY ("script_id") REFERENCES "scripts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "script_checks" ADD CONSTRAINT "script_checks_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "script_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "script_step_results" ADD CONSTRAINT "script_step_results_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "script_step_results" ADD CONSTRAINT "script_step_results_check_id_fkey" FOREIGN KEY ("check_id") REFERENCES "script_checks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "script_auto_answers" ADD CONSTRAINT "script_auto_answers_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "script_auto_answers" ADD CONSTRAINT "script_auto_answers_check_id_fkey" FOREIGN KEY ("check_id") REFERENCES "script_checks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
