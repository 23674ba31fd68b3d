-- CreateTable
CREATE TABLE "report_rollups" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "manager_id" UUID,
    "number" TEXT NOT NULL,
    "incoming" INTEGER NOT NULL,
    "outgoing" INTEGER NOT NULL,
    "outgoing_answered" INTEGER NOT NULL,
    "answered" INTEGER NOT NULL,
    "missed" INTEGER NOT NULL,
    "talk_sec" DOUBLE PRECISION NOT NULL,
    "talk_calls" INTEGER NOT NULL,
    "called_back" INTEGER NOT NULL,
    "routed" INTEGER NOT NULL,
    "fallbacks" INTEGER NOT NULL,
    "personal_incoming" INTEGER NOT NULL,
    "personal_reached" INTEGER NOT NULL,
    "answer_sec_sum" DOUBLE PRECISION NOT NULL,
    "answer_secs" DOUBLE PRECISION[],
    "callback_secs" DOUBLE PRECISION[],
    "incoming_by_hour" INTEGER[],
    "talk_buckets" INTEGER[],

    CONSTRAINT "report_rollups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_rollup_days" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "time_zone" TEXT NOT NULL,
    "built_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_rollup_days_pkey" PRIMARY KEY ("tenant_id","day")
);

-- CreateTable
CREATE TABLE "report_rollup_marks" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "from_at" TIMESTAMPTZ(3) NOT NULL,
    "to_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_rollup_marks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "report_rollups_tenant_id_day_idx" ON "report_rollups"("tenant_id", "day");

-- CreateIndex
CREATE INDEX "report_rollup_marks_tenant_id_id_idx" ON "report_rollup_marks"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "tasks_closed_by_call_id_idx" ON "tasks"("closed_by_call_id");

-- AddForeignKey
ALTER TABLE "report_rollups" ADD CONSTRAINT "report_rollups_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_rollup_days" ADD CONSTRAINT "report_rollup_days_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_rollup_marks" ADD CONSTRAINT "report_rollup_marks_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Report rollups stay exact: every change that can move a figure of a call older than a day
-- marks the time range whose rollup days are stale (server/reports/rollups.ts rebuilds them on
-- the next report). Triggers catch every writer: the ingest's raw SQL, imports, FK SET NULL.
-- Younger calls need no mark: the last ten local days are never rolled up, and a call affects
-- at most the seven days before its start (callbacks). Function bodies spell semicolons as \x3b (the
-- migration tool splits at semicolons).
CREATE FUNCTION pult_rollup_mark_calls() RETURNS TRIGGER
  LANGUAGE plpgsql
  AS E'
  BEGIN
    IF TG_OP <> ''INSERT'' THEN
      INSERT INTO report_rollup_marks (tenant_id, from_at, to_at)
        VALUES (OLD.tenant_id, OLD.started_at - interval ''7 days'', OLD.started_at)\x3b
    END IF\x3b
    IF TG_OP <> ''DELETE'' THEN
      INSERT INTO report_rollup_marks (tenant_id, from_at, to_at)
        VALUES (NEW.tenant_id, NEW.started_at - interval ''7 days'', NEW.started_at)\x3b
    END IF\x3b
    -- A call that closed callback tasks: their missed calls may be older than seven days.
    IF TG_OP = ''UPDATE'' AND OLD.started_at IS DISTINCT FROM NEW.started_at THEN
      INSERT INTO report_rollup_marks (tenant_id, from_at, to_at)
        SELECT m.tenant_id, m.started_at, m.started_at
        FROM tasks t JOIN calls m ON m.id = t.call_id
        WHERE t.closed_by_call_id = NEW.id\x3b
    END IF\x3b
    RETURN NULL\x3b
  END';

CREATE TRIGGER calls_rollup_insert AFTER INSERT ON calls FOR EACH ROW
  WHEN (NEW.started_at < now() - interval '1 day')
  EXECUTE FUNCTION pult_rollup_mark_calls();

CREATE TRIGGER calls_rollup_update AFTER UPDATE ON calls FOR EACH ROW
  WHEN (OLD.started_at < now() - interval '1 day' OR NEW.started_at < now() - interval '1 day'
    OR OLD.started_at IS DISTINCT FROM NEW.started_at)
  EXECUTE FUNCTION pult_rollup_mark_calls();

CREATE TRIGGER calls_rollup_delete AFTER DELETE ON calls FOR EACH ROW
  WHEN (OLD.started_at < now() - interval '1 day')
  EXECUTE FUNCTION pult_rollup_mark_calls();

-- Personal-client figures follow the client's current personal manager: every day with a
-- call of the client.
CREATE FUNCTION pult_rollup_mark_client() RETURNS TRIGGER
  LANGUAGE plpgsql
  AS E'
  BEGIN
    INSERT INTO report_rollup_marks (tenant_id, from_at, to_at)
      SELECT NEW.tenant_id, d, d + interval ''1 day''
      FROM (SELECT DISTINCT date_trunc(''day'', c.started_at) AS d FROM calls c
        WHERE c.tenant_id = NEW.tenant_id AND c.client_id = NEW.id
          AND c.started_at < now() - interval ''1 day'') days\x3b
    RETURN NULL\x3b
  END';

CREATE TRIGGER clients_rollup_update AFTER UPDATE ON clients FOR EACH ROW
  WHEN (OLD.personal_manager_id IS DISTINCT FROM NEW.personal_manager_id)
  EXECUTE FUNCTION pult_rollup_mark_client();

-- Callback tasks and routing decisions count on the day of the call they belong to.
CREATE FUNCTION pult_rollup_mark_call_of() RETURNS TRIGGER
  LANGUAGE plpgsql
  AS E'
  DECLARE
    old_call UUID\x3b
    new_call UUID\x3b
  BEGIN
    IF TG_OP <> ''INSERT'' THEN old_call := OLD.call_id\x3b END IF\x3b
    IF TG_OP <> ''DELETE'' THEN new_call := NEW.call_id\x3b END IF\x3b
    INSERT INTO report_rollup_marks (tenant_id, from_at, to_at)
      SELECT c.tenant_id, c.started_at, c.started_at FROM calls c
      WHERE c.id IN (old_call, new_call) AND c.started_at < now() - interval ''1 day''\x3b
    RETURN NULL\x3b
  END';

CREATE TRIGGER tasks_rollup_insert AFTER INSERT ON tasks FOR EACH ROW
  WHEN (NEW.call_id IS NOT NULL AND NEW.closed_by_call_id IS NOT NULL)
  EXECUTE FUNCTION pult_rollup_mark_call_of();

CREATE TRIGGER tasks_rollup_update AFTER UPDATE ON tasks FOR EACH ROW
  WHEN ((OLD.call_id, OLD.closed_by_call_id, OLD.kind)
    IS DISTINCT FROM (NEW.call_id, NEW.closed_by_call_id, NEW.kind))
  EXECUTE FUNCTION pult_rollup_mark_call_of();

CREATE TRIGGER tasks_rollup_delete AFTER DELETE ON tasks FOR EACH ROW
  WHEN (OLD.call_id IS NOT NULL AND OLD.closed_by_call_id IS NOT NULL)
  EXECUTE FUNCTION pult_rollup_mark_call_of();

CREATE TRIGGER routing_decisions_rollup AFTER INSERT OR UPDATE OR DELETE ON routing_decisions
  FOR EACH ROW EXECUTE FUNCTION pult_rollup_mark_call_of();
