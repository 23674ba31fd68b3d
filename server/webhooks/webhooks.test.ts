import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CallRowState } from "@/server/calls/fold-write";
import { buildOpenApiDocument } from "@/server/api-v1/openapi";
import { nextAttemptAt, retryDelayMs, RETRY_WINDOW_MS } from "@/server/webhooks/backoff";
import { callFactsOf, taskFactOf } from "@/server/webhooks/facts";
import {
  generateWebhookSecret,
  signWebhook,
  verifyWebhook,
  webhookIdOf,
} from "@/server/webhooks/signing";

const row = (over: Partial<CallRowState> = {}): CallRowState => ({
  id: "00000000-0000-4000-8000-000000000001",
  version: 1,
  direction: "IN",
  state: "RINGING",
  result: null,
  fromNumber: "+79001234567",
  toNumber: "+74951234567",
  startedAt: new Date("2026-12-01T10:00:00Z"),
  answeredAt: null,
  endedAt: null,
  talkSec: null,
  isEndReported: true,
  isClickToCall: false,
  managerId: null,
  workplaceId: null,
  clientId: null,
  ...over,
});
const NOW = new Date("2026-12-01T10:00:05Z");

describe("backoff", () => {
  it("grows fourfold from 5 s, capped at 5 h, with a tenth of jitter", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, () => 0.5))).toEqual([
      5_000, 20_000, 80_000, 320_000,
    ]);
    expect(retryDelayMs(20, () => 0.5)).toBe(5 * 3600_000);
    expect(retryDelayMs(1, () => 0)).toBe(4_500);
    expect(retryDelayMs(1, () => 1)).toBe(5_500);
  });

  it("keeps trying for 24 h after the first attempt, the last one at the 24 h mark", () => {
    const start = new Date("2026-12-01T00:00:00Z");
    let at = start;
    let attempts = 0;
    for (;;) {
      attempts++;
      const next = nextAttemptAt(attempts, start, at, () => 0.5);
      if (!next) break;
      expect(next.getTime()).toBeGreaterThan(at.getTime());
      at = next;
    }
    expect(at.getTime()).toBe(start.getTime() + RETRY_WINDOW_MS);
    expect(attempts).toBeGreaterThan(8);
    expect(attempts).toBeLessThan(20);
  });
});

describe("call facts of a fold write", () => {
  it("the first write starts the call; a delivery rings; answer and end once each", () => {
    const started = callFactsOf(null, row(), "c-1", true, NOW).map((f) => f.type);
    expect(started).toEqual(["call.started", "call.ringing"]);
    const answered = row({ version: 2, state: "TALKING", answeredAt: NOW });
    expect(callFactsOf(row(), answered, "c-1", false, NOW).map((f) => f.type)).toEqual([
      "call.answered",
    ]);
    const ended = row({
      version: 3,
      state: "ENDED",
      answeredAt: NOW,
      endedAt: NOW,
      result: "ANSWERED",
    });
    expect(callFactsOf(answered, ended, "c-1", false, NOW).map((f) => f.type)).toEqual([
      "call.ended",
    ]);
    // A later write of an ended call (the real end after Pult closed it) ends nothing again.
    expect(callFactsOf(ended, row({ ...ended, version: 4 }), "c-1", false, NOW)).toEqual([]);
  });

  it("numbers a call's events in order, across writes and within one", () => {
    const all = callFactsOf(
      null,
      row({ state: "ENDED", answeredAt: NOW, endedAt: NOW, result: "ANSWERED" }),
      "c-1",
      false,
      NOW,
    );
    expect(all.map((f) => f.type)).toEqual(["call.started", "call.answered", "call.ended"]);
    const sequences = all.map((f) => f.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    const later = callFactsOf(row(), row({ version: 2, state: "RINGING" }), "c-1", true, NOW);
    expect(later[0]?.sequence).toBeGreaterThan(Math.max(...sequences));
  });

  it("tasks: created and resolved are events, the rest is not", () => {
    expect(taskFactOf({ taskId: "t", assigneeId: null, change: "created" }, NOW)?.type).toBe(
      "task.created",
    );
    expect(taskFactOf({ taskId: "t", assigneeId: null, change: "resolved" }, NOW)?.type).toBe(
      "task.closed",
    );
    expect(taskFactOf({ taskId: "t", assigneeId: null, change: "attempt" }, NOW)).toBeNull();
  });
});

describe("signing", () => {
  it("is HMAC-SHA256 of id.timestamp.body with the secret's bytes, as documented", () => {
    const secret = generateWebhookSecret();
    const id = webhookIdOf("0e1c3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6");
    expect(id).toBe("msg_0e1c3f4a5b6c4d7e8f90a1b2c3d4e5f6");
    const at = new Date();
    const body = '{"type":"webhook.test"}';
    const headers = signWebhook(secret, id, at, body);
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const expected = createHmac("sha256", key)
      .update(`${id}.${headers["webhook-timestamp"]}.${body}`)
      .digest("base64");
    expect(headers["webhook-signature"]).toBe(`v1,${expected}`);
    expect(verifyWebhook(secret, body, headers)).toEqual({ type: "webhook.test" });
    expect(() => verifyWebhook(secret, `${body} `, headers)).toThrow();
  });
});

describe("the OpenAPI document", () => {
  it("describes every webhook's body and the click-to-call operation", () => {
    const doc = buildOpenApiDocument("http://localhost:3000");
    expect(Object.keys(doc.webhooks)).toEqual(
      expect.arrayContaining(["call.ringing", "call.ended", "recording.ready", "client.assigned"]),
    );
    const schemas = doc.components.schemas as Record<string, unknown>;
    expect(schemas).toHaveProperty("WebhookCallEnded");
    expect(schemas).toHaveProperty("CallCreate");
    expect(doc.paths["/api/v1/calls"]).toHaveProperty("post");
  });
});
