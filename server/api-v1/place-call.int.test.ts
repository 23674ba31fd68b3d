// POST /api/v1/calls through the real route, API key and the PBX simulator: the two-leg call
// rings the manager's workplace, then the client, and shows as one click-to-call; refusals are
// the documented errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as callsRoute from "@/app/api/v1/calls/route";
import { createApiKey } from "@/server/api-keys/api-keys";
import { placedCallSchema } from "@/server/api-v1/schemas";
import { getDb } from "@/server/db";
import { actorOf } from "@/server/testing/actors";
import {
  CLIENT_PHONE,
  callRow,
  control,
  startPbxHarness,
  until,
  type PbxHarness,
} from "@/server/tasks/test-pbx";

type Answer = {
  callId?: string;
  workplaceId?: string;
  managerEmail?: string | null;
  error: { code: string; details: { reason?: string } };
};

let h: PbxHarness;
let key = "";

async function place(body: unknown, apiKey: string | null = key) {
  const headers = new Headers({ "content-type": "application/json" });
  if (apiKey) headers.set("authorization", `Bearer ${apiKey}`);
  const response = await callsRoute.POST(
    new Request("http://localhost:3000/api/v1/calls", {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Answer,
  };
}

beforeAll(async () => {
  h = await startPbxHarness();
  key = (
    await createApiKey(actorOf(h.tenantId, h.fixture.adminId), { name: "CRM", expiresAt: null })
  ).key;
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe("POST /api/v1/calls", () => {
  it("rings the manager (by email), then the client, and answers the PBX's call id", async () => {
    const answer = await place({ managerEmail: "MARIA@acme.test", to: "8 (900) 555-44-33" });
    expect(answer.status).toBe(201);
    const placed = placedCallSchema.parse(answer.json);
    expect(placed.callId).toMatch(/\S/);
    expect(placed).toMatchObject({
      workplaceId: "wp-1",
      managerEmail: "maria@acme.test",
      to: CLIENT_PHONE,
    });
    const id = String(answer.json.callId);
    // The same workplace again at once (the limit runs from the first call, 3 s): refused.
    const again = await place({ workplaceId: "wp-1", to: CLIENT_PHONE });
    expect(again.status).toBe(429);
    expect(again.headers.get("retry-after")).toBe("3");
    expect(again.json.error).toMatchObject({
      code: "RATE_LIMITED",
      details: { reason: "too_fast" },
    });
    const atPbx = (await control(h.simulator, "GET", `/control/calls/${id}`)) as {
      history: Array<{ event: string; workplaceId?: string }>;
    };
    expect(atPbx.history[1]).toMatchObject({ event: "delivered", workplaceId: "wp-1" });
    await until(() => callRow(h.tenantId, id).then((c) => c?.state === "RINGING"));
    await control(h.simulator, "POST", `/control/calls/${id}/answer`, { workplaceId: "wp-1" });
    expect(await control(h.simulator, "GET", `/control/calls/${id}`)).toMatchObject({
      state: "dialing",
      remoteNumber: CLIENT_PHONE,
    });
    await control(h.simulator, "POST", `/control/calls/${id}/hangup`);
    const ended = await until(() => callRow(h.tenantId, id).then((c) => c?.state === "ENDED" && c));
    expect(ended).toMatchObject({ direction: "OUT", isClickToCall: true });

    const audit = await getDb().auditLog.findFirstOrThrow({
      where: { tenantId: h.tenantId, action: "call.click_to_call", targetId: "wp-1" },
    });
    expect(audit.data).toMatchObject({ outcome: "placed", pbxCallId: id, phone: CLIENT_PHONE });
  });

  it("places by PBX workplace id too", async () => {
    const answer = await place({ workplaceId: "wp-2", to: "+79005550101" });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ workplaceId: "wp-2", managerEmail: "ivan@acme.test" });
  });

  it("answers documented errors for bad input, unknown people and PBX refusals", async () => {
    const cases: Array<[unknown, number, string, string | undefined]> = [
      [{ to: CLIENT_PHONE }, 400, "VALIDATION", undefined],
      [
        { managerEmail: "maria@acme.test", workplaceId: "wp-1", to: CLIENT_PHONE },
        400,
        "VALIDATION",
        undefined,
      ],
      [{ managerEmail: "maria@acme.test", to: "hello" }, 400, "VALIDATION", undefined],
      [
        { managerEmail: "nobody@acme.test", to: CLIENT_PHONE },
        404,
        "NOT_FOUND",
        "manager_not_found",
      ],
      [{ workplaceId: "wp-404", to: CLIENT_PHONE }, 404, "NOT_FOUND", "workplace_not_found"],
      [{ managerEmail: "sofia@acme.test", to: CLIENT_PHONE }, 409, "CONFLICT", "no_workplace"],
    ];
    for (const [body, status, code, reason] of cases) {
      const answer = await place(body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.json.error.code).toBe(code);
      if (reason) expect(answer.json.error.details.reason).toBe(reason);
    }
    expect((await place({ workplaceId: "wp-1", to: CLIENT_PHONE }, null)).status).toBe(401);

    // A workplace Pult knows but the PBX does not: the PBX's refusal, mapped.
    await getDb().workplace.create({
      data: { tenantId: h.tenantId, externalId: "wp-gone", name: "Old desk" },
    });
    const gone = await place({ workplaceId: "wp-gone", to: CLIENT_PHONE });
    expect(gone.status).toBe(404);
    expect(gone.json.error.details.reason).toBe("workplace_unknown");
  });
});
