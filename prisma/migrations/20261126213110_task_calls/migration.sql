-- CreateEnum
CREATE TYPE "TaskCallRole" AS ENUM ('MISSED', 'ATTEMPT', 'RESOLVED');

-- CreateTable
CREATE TABLE "task_calls" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "call_id" UUID NOT NULL,
    "role" "TaskCallRole" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_calls_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "task_calls_call_id_key" ON "task_calls"("call_id");

-- CreateIndex
CREATE INDEX "task_calls_task_id_role_idx" ON "task_calls"("task_id", "role");

-- CreateIndex
CREATE INDEX "tasks_tenant_id_phone_status_idx" ON "tasks"("tenant_id", "phone", "status");

-- AddForeignKey
ALTER TABLE "task_calls" ADD CONSTRAINT "task_calls_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_calls" ADD CONSTRAINT "task_calls_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_calls" ADD CONSTRAINT "task_calls_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;
