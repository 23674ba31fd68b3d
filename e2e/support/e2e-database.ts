// Direct access to the e2e server's embedded database, for data no screen creates (a second
// company) or that another feature owns (clients). The server serves it on a Unix socket in its
// data folder (server/db/embedded.ts), which only this user can open.
import path from "node:path";
import pg from "pg";
import { hashPassword } from "../../server/crypto/password";
import { E2E_DATA_DIR } from "../fixtures";

export class E2eDatabase {
  private constructor(private readonly client: pg.Client) {}

  static async connect(): Promise<E2eDatabase> {
    const client = new pg.Client({
      host: path.resolve(E2E_DATA_DIR, "run"),
      user: "postgres",
      database: "postgres",
      connectionTimeoutMillis: 5000,
    });
    await client.connect();
    return new E2eDatabase(client);
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  private async one<T>(sql: string, params: unknown[]): Promise<T> {
    const { rows } = await this.client.query(sql, params);
    const row = rows[0] as T | undefined;
    if (!row) throw new Error(`no row from: ${sql}`);
    return row;
  }

  async tenantIdOf(email: string): Promise<string> {
    const row = await this.one<{ tenant_id: string }>(
      "SELECT tenant_id FROM users WHERE email = $1",
      [email],
    );
    return row.tenant_id;
  }

  async createTenant(name: string): Promise<string> {
    const row = await this.one<{ id: string }>(
      "INSERT INTO tenants (id, name, updated_at) VALUES (gen_random_uuid(), $1, now()) RETURNING id",
      [name],
    );
    return row.id;
  }

  /** An active user who can sign in with the password at once. */
  async createUser(user: {
    tenantId: string;
    email: string;
    name: string;
    role: "ADMIN" | "SUPERVISOR" | "MANAGER";
    password: string;
  }): Promise<string> {
    const row = await this.one<{ id: string }>(
      `INSERT INTO users (id, tenant_id, email, name, role, password_hash, status, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'ACTIVE', now()) RETURNING id`,
      [user.tenantId, user.email, user.name, user.role, await hashPassword(user.password)],
    );
    return row.id;
  }

  /** A finished call with a stored recording, e.g. in another company; returns the recording id. */
  async createRecording(tenantId: string): Promise<string> {
    const call = await this.one<{ id: string }>(
      `INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state,
         result, started_at, ended_at, has_recording, last_event_at, updated_at)
       VALUES (gen_random_uuid(), $1, 'e2e-' || gen_random_uuid(), 'IN', '+79990000001',
         '+74990000001', 'ENDED', 'ANSWERED', now(), now(), true, now(), now()) RETURNING id`,
      [tenantId],
    );
    const recording = await this.one<{ id: string }>(
      `INSERT INTO recordings (id, tenant_id, call_id, external_id, status, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'e2e-' || gen_random_uuid(), 'READY', now()) RETURNING id`,
      [tenantId, call.id],
    );
    await this.client.query(
      `INSERT INTO recording_files (id, tenant_id, recording_id, index, source_url, format,
         duration_sec, size_bytes, storage_key, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 0, 'http://127.0.0.1:9/r.mp3', 'mp3', 1, 1,
         'e2e/missing.mp3', now())`,
      [tenantId, recording.id],
    );
    return recording.id;
  }

  /**
   * A finished incoming call whose routing decision is stored as the router stores it (typed
   * steps: personal manager busy, fallback to the standard route); returns the call id.
   */
  async createRoutedCall(tenantId: string, managerName: string): Promise<string> {
    const call = await this.one<{ id: string }>(
      `INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state,
         result, started_at, answered_at, ended_at, talk_sec, last_event_at, updated_at)
       VALUES (gen_random_uuid(), $1, 'e2e-' || gen_random_uuid(), 'IN', '+79990000002',
         '+74990000001', 'ENDED', 'ANSWERED', now() - interval '3 minutes',
         now() - interval '170 seconds', now() - interval '1 minute', 110, now(), now())
       RETURNING id`,
      [tenantId],
    );
    const steps = [
      { kind: "ruleMatched", rule: "Personal manager" },
      { kind: "personalManager", name: managerName, status: "busy" },
      { kind: "fallback", index: 1 },
      { kind: "release", reason: "action" },
    ];
    await this.client.query(
      `INSERT INTO routing_decisions (id, tenant_id, call_id, outcome, explanation, decided_in_ms)
       VALUES (gen_random_uuid(), $1, $2, 'RELEASE', $3::jsonb, 4)`,
      [tenantId, call.id, JSON.stringify(steps)],
    );
    return call.id;
  }

  async createClient(client: {
    tenantId: string;
    name: string;
    company: string;
    phone: string;
    personalManagerId: string;
  }): Promise<string> {
    const row = await this.one<{ id: string }>(
      `INSERT INTO clients (id, tenant_id, name, company, personal_manager_id, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, now()) RETURNING id`,
      [client.tenantId, client.name, client.company, client.personalManagerId],
    );
    await this.client.query(
      `INSERT INTO client_phones (id, tenant_id, client_id, e164) VALUES (gen_random_uuid(), $1, $2, $3)`,
      [client.tenantId, row.id, client.phone],
    );
    return row.id;
  }
}
