// tRPC's answers as the browser gets them: statuses and machine-readable error bodies, through
// the handler behind /api/trpc (body and content-type checks, the error formatter). The context
// is given here: building it from the session cookie needs Next's request scope, and is covered
// end to end by e2e/security.spec.ts (me.get with the session cookie, over HTTP and HTTPS).
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/session-user";
import { closeDatabase, getDb, initDatabase } from "@/server/db";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { bootstrapFirstTenant } from "@/server/users/bootstrap";
import { handleTrpcRequest } from "@/server/api/http-handler";

let database: TestDatabase | undefined;
let admin: SessionUser;

async function call(
  user: SessionUser | null,
  path: string,
  input?: unknown,
  method: "GET" | "POST" = "POST",
) {
  const body = input === undefined ? undefined : JSON.stringify(superjson.serialize(input));
  const url = `http://localhost/api/trpc/${path}`;
  const res = await handleTrpcRequest(
    new Request(url, { method, body, headers: { "content-type": "application/json" } }),
    () => Promise.resolve({ user, ip: "127.0.0.1" }),
  );
  // With superjson the error travels as { error: { json: <shape> } }.
  const reply = (await res.json()) as {
    error?: { json: { message: string; data: Record<string, unknown> } };
  };
  return { status: res.status, json: { error: reply.error?.json } };
}

beforeAll(async () => {
  database = await createTestDatabase();
  initDatabase(database.url);
  await bootstrapFirstTenant({
    tenantName: "Acme",
    adminEmail: "admin@acme.test",
    adminPassword: "admin-password-1",
  });
  const user = await getDb().user.findFirstOrThrow({
    where: { email: "admin@acme.test" },
    select: { id: true, email: true, name: true, role: true, tenantId: true },
  });
  admin = { ...user, locale: null };
});

afterAll(async () => {
  await closeDatabase();
  await database?.drop();
});

describe("tRPC error answers through the /api/trpc handler, for a given caller", () => {
  it("answers 401 with a machine-readable code for anonymous callers", async () => {
    const { status, json } = await call(null, "users.list", undefined, "GET");
    expect(status).toBe(401);
    expect(json.error?.data).toMatchObject({ appCode: "UNAUTHENTICATED" });
    expect(json.error?.data).not.toHaveProperty("stack");
  });

  it("returns per-field errors for invalid input", async () => {
    const { status, json } = await call(admin, "users.invite", {
      email: "bad",
      name: "",
      role: "OWNER",
    });
    expect(status).toBe(400);
    expect(json.error?.data).toMatchObject({ appCode: "VALIDATION" });
    expect(Object.keys(json.error?.data.fieldErrors as object).sort()).toEqual([
      "email",
      "name",
      "role",
    ]);
  });

  it("maps domain errors to their code", async () => {
    const { status, json } = await call(admin, "users.invite", {
      email: "admin@acme.test",
      name: "Dup",
      role: "MANAGER",
    });
    expect(status).toBe(409);
    expect(json.error?.data).toMatchObject({ appCode: "EMAIL_TAKEN" });
    expect(json.error?.message).toMatch(/already exists/);
  });
});
