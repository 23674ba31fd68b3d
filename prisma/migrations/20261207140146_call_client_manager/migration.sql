-- AlterTable
ALTER TABLE "calls" ADD COLUMN     "client_manager_id" UUID;

-- CreateIndex
CREATE INDEX "calls_tenant_id_client_manager_id_started_at_idx" ON "calls"("tenant_id", "client_manager_id", "started_at");

-- Which calls a manager sees through the client link (server/calls/visibility.ts): the calls of
-- a client whose personal manager they were when the call started, and only if the call's number
-- was the client's then. Access must not grow backwards in time: a manager who puts an unowned
-- number on a card of their own (a new client or one they have) links the earlier calls from it
-- to that card, but not their timelines and recordings, which stay with whoever took them.
-- The personal manager at a moment comes from the assignment log (every change writes a row
-- with from and to), and a client without any row has had its manager since it was created.
-- Triggers keep the column for every writer (the ingest's raw SQL, reconcile, client edits).
-- Function bodies and comments spell no semicolon (the migration tool splits at every one).
CREATE FUNCTION pult_client_manager_at(p_tenant UUID, p_client UUID, p_number TEXT, p_at TIMESTAMPTZ)
  RETURNS UUID
  LANGUAGE plpgsql STABLE
  AS E'
  DECLARE
    manager UUID\x3b
  BEGIN
    IF p_client IS NULL OR p_at IS NULL THEN
      RETURN NULL\x3b
    END IF\x3b
    PERFORM 1 FROM client_phones p
      WHERE p.tenant_id = p_tenant AND p.e164 = p_number AND p.client_id = p_client
        AND p.created_at <= p_at\x3b
    IF NOT FOUND THEN
      RETURN NULL\x3b
    END IF\x3b
    SELECT a.to_manager_id INTO manager FROM client_assignments a
      WHERE a.tenant_id = p_tenant AND a.client_id = p_client AND a.created_at <= p_at
      ORDER BY a.created_at DESC, a.id DESC LIMIT 1\x3b
    IF FOUND THEN
      RETURN manager\x3b
    END IF\x3b
    SELECT a.from_manager_id INTO manager FROM client_assignments a
      WHERE a.tenant_id = p_tenant AND a.client_id = p_client AND a.created_at > p_at
      ORDER BY a.created_at ASC, a.id ASC LIMIT 1\x3b
    IF FOUND THEN
      RETURN manager\x3b
    END IF\x3b
    RETURN (SELECT c.personal_manager_id FROM clients c
      WHERE c.id = p_client AND c.tenant_id = p_tenant)\x3b
  END';

CREATE FUNCTION pult_calls_client_manager() RETURNS TRIGGER
  LANGUAGE plpgsql
  AS E'
  BEGIN
    NEW.client_manager_id := pult_client_manager_at(NEW.tenant_id, NEW.client_id,
      CASE WHEN NEW.direction = ''OUT'' THEN NEW.to_number ELSE NEW.from_number END,
      NEW.started_at)\x3b
    RETURN NEW\x3b
  END';

-- The calls already stored. Reports do not read the column: no rollup day is marked stale.
ALTER TABLE calls DISABLE TRIGGER calls_rollup_update;
UPDATE calls SET client_manager_id = pult_client_manager_at(tenant_id, client_id,
    CASE WHEN direction = 'OUT' THEN to_number ELSE from_number END, started_at)
  WHERE client_id IS NOT NULL;
ALTER TABLE calls ENABLE TRIGGER calls_rollup_update;

CREATE TRIGGER calls_client_manager_insert BEFORE INSERT ON calls FOR EACH ROW
  WHEN (NEW.client_id IS NOT NULL OR NEW.client_manager_id IS NOT NULL)
  EXECUTE FUNCTION pult_calls_client_manager();

-- Also when something writes the column itself: it is only ever what the rule gives.
CREATE TRIGGER calls_client_manager_update BEFORE UPDATE ON calls FOR EACH ROW
  WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id
    OR OLD.started_at IS DISTINCT FROM NEW.started_at
    OR OLD.direction IS DISTINCT FROM NEW.direction
    OR OLD.from_number IS DISTINCT FROM NEW.from_number
    OR OLD.to_number IS DISTINCT FROM NEW.to_number
    OR OLD.client_manager_id IS DISTINCT FROM NEW.client_manager_id)
  EXECUTE FUNCTION pult_calls_client_manager();
