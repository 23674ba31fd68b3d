-- CreateEnum
CREATE TYPE "EvaluationStatus" AS ENUM ('SUBMITTED', 'ACKNOWLEDGED', 'DISPUTED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "DisputeStatus" AS ENUM ('OPEN', 'ACCEPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ReviewItemStatus" AS ENUM ('OPEN', 'DONE', 'SKIPPED');

-- CreateEnum
CREATE TYPE "SamplingRuleKind" AS ENUM ('PER_MANAGER_WEEK', 'LONGER_THAN', 'SILENCE_OVER');

-- CreateTable
CREATE TABLE "scorecard_templates" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "is_archived" BOOLEAN NOT NULL DEFAULT false,
    "latest_version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scorecard_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scorecard_versions" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "pass_threshold" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scorecard_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluations" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "call_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "reviewer_id" UUID,
    "manager_id" UUID,
    "status" "EvaluationStatus" NOT NULL DEFAULT 'SUBMITTED',
    "score" DOUBLE PRECISION,
    "has_critical_fail" BOOLEAN NOT NULL DEFAULT false,
    "is_passed" BOOLEAN NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "acknowledged_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "evaluations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluation_answers" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "evaluation_id" UUID NOT NULL,
    "criterion_id" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "is_passed" BOOLEAN,

    CONSTRAINT "evaluation_answers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluation_comments" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "evaluation_id" UUID NOT NULL,
    "at_sec" DOUBLE PRECISION NOT NULL,
    "text" TEXT NOT NULL,
    "criterion_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evaluation_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluation_disputes" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "evaluation_id" UUID NOT NULL,
    "criterion_id" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "raised_by_id" UUID,
    "status" "DisputeStatus" NOT NULL DEFAULT 'OPEN',
    "resolution" TEXT,
    "previous_value" TEXT NOT NULL,
    "new_value" TEXT,
    "resolved_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "evaluation_disputes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sampling_rules" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SamplingRuleKind" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "threshold_sec" INTEGER NOT NULL,
    "template_id" UUID NOT NULL,
    "reviewer_ids" UUID[],
    "due_days" INTEGER NOT NULL,
    "is_enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_run_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sampling_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_items" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "call_id" UUID NOT NULL,
    "rule_id" UUID,
    "template_id" UUID NOT NULL,
    "reviewer_id" UUID,
    "manager_id" UUID,
    "status" "ReviewItemStatus" NOT NULL DEFAULT 'OPEN',
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "skip_reason" TEXT,
    "evaluation_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "review_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "scorecard_templates_tenant_id_name_key" ON "scorecard_templates"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "scorecard_versions_tenant_id_idx" ON "scorecard_versions"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "scorecard_versions_template_id_version_key" ON "scorecard_versions"("template_id", "version");

-- CreateIndex
CREATE INDEX "evaluations_tenant_id_created_at_idx" ON "evaluations"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "evaluations_tenant_id_manager_id_created_at_idx" ON "evaluations"("tenant_id", "manager_id", "created_at");

-- CreateIndex
CREATE INDEX "evaluations_call_id_idx" ON "evaluations"("call_id");

-- CreateIndex
CREATE INDEX "evaluation_answers_tenant_id_criterion_id_idx" ON "evaluation_answers"("tenant_id", "criterion_id");

-- CreateIndex
CREATE UNIQUE INDEX "evaluation_answers_evaluation_id_criterion_id_key" ON "evaluation_answers"("evaluation_id", "criterion_id");

-- CreateIndex
CREATE INDEX "evaluation_comments_evaluation_id_idx" ON "evaluation_comments"("evaluation_id");

-- CreateIndex
CREATE INDEX "evaluation_disputes_tenant_id_status_idx" ON "evaluation_disputes"("tenant_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "evaluation_disputes_evaluation_id_criterion_id_key" ON "evaluation_disputes"("evaluation_id", "criterion_id");

-- CreateIndex
CREATE INDEX "sampling_rules_tenant_id_idx" ON "sampling_rules"("tenant_id");

-- CreateIndex
CREATE INDEX "review_items_tenant_id_reviewer_id_status_due_at_idx" ON "review_items"("tenant_id", "reviewer_id", "status", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "review_items_rule_id_call_id_key" ON "review_items"("rule_id", "call_id");

-- AddForeignKey
ALTER TABLE "scorecard_templates" ADD CONSTRAINT "scorecard_templates_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scorecard_versions" ADD CONSTRAINT "scorecard_versions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scorecard_versions" ADD CONSTRAINT "scorecard_versions_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "scorecard_templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "scorecard_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation_answers" ADD CONSTRAINT "evaluation_answers_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation_answers" ADD CONSTRAINT "evaluation_answers_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation_comments" ADD CONSTRAINT "evaluation_comments_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation_comments" ADD CONSTRAINT "evaluation_comments_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation_disputes" ADD CONSTRAINT "evaluation_disputes_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation_disputes" ADD CONSTRAINT "evaluation_disputes_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sampling_rules" ADD CONSTRAINT "sampling_rules_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sampling_rules" ADD CONSTRAINT "sampling_rules_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "scorecard_templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "sampling_rules"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations"("id") ON DELETE SET NULL ON UPDATE CASCADE;
