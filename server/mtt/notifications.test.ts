import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  MAX_NOTIFICATION_BYTES,
  NOTIFICATION_SIGNATURE_HEADER,
  parseNotification,
  verifyNotificationSignature,
} from "@/server/mtt/notifications";

const occurredAt = "2025-03-01T09:15:00.250+03:00";
const body = (type: string, data: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: "6f1c9a52-0d4e-4c57-9d1e-1b2f1d8f8a10", type, occurredAt, data, ...extra });

function parsedOk(raw: string) {
  const parsed = parseNotification(raw);
  if (!parsed.ok || !("notification" in parsed)) throw new Error(JSON.stringify(parsed));
  return parsed.notification;
}

function reasonOf(raw: string | Buffer): string {
  const parsed = parseNotification(raw);
  if (parsed.ok) throw new Error(`expected a rejection, got ${JSON.stringify(parsed)}`);
  return parsed.reason;
}

describe("parseNotification: every known type", () => {
  it("settingsChanged keeps known sections and maps new ones to other", () => {
    const n = parsedOk(body("settingsChanged", { sections: ["workplaces", "queues"] }));
    expect(n).toEqual({
      id: "6f1c9a52-0d4e-4c57-9d1e-1b2f1d8f8a10",
      type: "settingsChanged",
      occurredAt: new Date("2025-03-01T06:15:00.250Z"),
      data: { sections: ["workplaces", "other"] },
    });
    expect(parsedOk(body("settingsChanged", {})).data).toEqual({
      sections: ["workplaces", "terminals", "numbers"],
    });
  });

  it("callStarted: numeric ids become strings, phones are normalised, park defaults apply", () => {
    const n = parsedOk(
      body("callStarted", {
        callId: 5501,
        direction: "incoming",
        from: "8 (916) 123-45-67",
        to: "74951234567",
        parked: true,
        futureField: "ignored",
      }),
    );
    expect(n).toMatchObject({
      type: "callStarted",
      data: {
        callId: "5501",
        direction: "incoming",
        from: "+79161234567",
        to: "+74951234567",
        parked: true,
        parkTimeoutMs: 5000,
      },
    });
    expect(n.data).not.toHaveProperty("futureField");
    const outgoing = parsedOk(
      body("callStarted", {
        callId: "c1",
        direction: "outgoing",
        from: "101",
        to: "+7 800 100-20-30",
        workplaceId: "wp-1",
        parkTimeoutMs: 3000,
      }),
    );
    expect(outgoing.data).toEqual({
      callId: "c1",
      direction: "outgoing",
      from: "101",
      to: "+78001002030",
      workplaceId: "wp-1",
      parked: false,
      parkTimeoutMs: 3000,
    });
  });

  it("callStarted accepts an anonymous caller", () => {
    const n = parsedOk(
      body("callStarted", { callId: "c", direction: "incoming", from: null, to: "anonymous" }),
    );
    expect(n.data).toMatchObject({ from: "", to: "anonymous" });
  });

  it("callDelivered and callAnswered", () => {
    expect(parsedOk(body("callDelivered", { callId: "c1", workplaceId: 7 })).data).toEqual({
      callId: "c1",
      workplaceId: "7",
    });
    expect(
      parsedOk(body("callAnswered", { callId: "c1", workplaceId: "wp", party: "remote" })).data,
    ).toEqual({ callId: "c1", workplaceId: "wp", party: "remote" });
  });

  it("callRedirected to a workplace or to a number", () => {
    const base = { callId: "c1", fromWorkplaceId: "wp-1", reason: "noAnswer" };
    expect(parsedOk(body("callRedirected", { ...base, to: { workplaceId: 2 } })).data).toEqual({
      ...base,
      to: { workplaceId: "2" },
    });
    const toNumber = parsedOk(
      body("callRedirected", { ...base, reason: "transfer", to: { number: "89161234567" } }),
    );
    expect(toNumber.data).toEqual({ ...base, reason: "transfer", to: { number: "+79161234567" } });
  });

  it("callEnded with defaults for absent counters", () => {
    const full = {
      callId: "c1",
      result: "answered",
      durationSec: 95,
      talkSec: 80,
      hasRecording: true,
    };
    expect(parsedOk(body("callEnded", full)).data).toEqual(full);
    expect(parsedOk(body("callEnded", { callId: "c2", result: "missed" })).data).toEqual({
      callId: "c2",
      result: "missed",
      durationSec: 0,
      talkSec: 0,
      hasRecording: false,
    });
  });

  it("recordingReady with several files; format is case-insensitive", () => {
    const n = parsedOk(
      body("recordingReady", {
        callId: "c1",
        recordingId: 99,
        files: [
          {
            url: "https://api.mtt.ru/rec/1.mp3",
            format: "MP3",
            durationSec: 61.5,
            sizeBytes: 984000,
          },
          { url: "https://api.mtt.ru/rec/1.wav", format: "wav", durationSec: 61.5, sizeBytes: 5e6 },
        ],
      }),
    );
    expect(n.data).toEqual({
      callId: "c1",
      recordingId: "99",
      files: [
        {
          url: "https://api.mtt.ru/rec/1.mp3",
          format: "mp3",
          durationSec: 61.5,
          sizeBytes: 984000,
        },
        { url: "https://api.mtt.ru/rec/1.wav", format: "wav", durationSec: 61.5, sizeBytes: 5e6 },
      ],
    });
  });

  it("accepts a Buffer body", () => {
    const raw = Buffer.from(body("callDelivered", { callId: "c", workplaceId: "w" }));
    expect(parseNotification(raw)).toMatchObject({
      ok: true,
      notification: { type: "callDelivered" },
    });
  });
});

describe("parseNotification: unknown and malformed", () => {
  it("accepts and ignores an unknown type, without requiring its data", () => {
    const raw = JSON.stringify({ id: 42, type: "queueStatsUpdated", occurredAt });
    expect(parseNotification(raw)).toEqual({
      ok: true,
      ignored: true,
      id: "42",
      type: "queueStatsUpdated",
    });
  });

  it.each([
    ["not json", "malformed JSON"],
    ["[]", "(root): Invalid input: expected object, received array"],
    ['"text"', "(root): Invalid input: expected object"],
    [JSON.stringify({ type: "callEnded", occurredAt, data: {} }), "id: required"],
    [JSON.stringify({ id: "n", occurredAt, data: {} }), "type: required"],
    [JSON.stringify({ id: "n", type: "callEnded", data: {} }), "occurredAt: required"],
    [
      JSON.stringify({ id: "n", type: "callEnded", occurredAt: "yesterday" }),
      "occurredAt: Invalid ISO datetime",
    ],
    [JSON.stringify({ id: "", type: "callEnded", occurredAt }), "id: "],
  ])("rejects a bad envelope: %s", (raw, reason) => {
    expect(reasonOf(raw)).toContain(reason);
  });

  it.each([
    ["callStarted", { direction: "incoming", from: "1", to: "2" }, "data.callId: required"],
    ["callStarted", { callId: "c", direction: "sideways", from: "1", to: "2" }, "data.direction:"],
    ["callStarted", { callId: "c", direction: "incoming", from: "1" }, "data.to: required"],
    [
      "callStarted",
      { callId: "c", direction: "incoming", from: "1", to: "2", parkTimeoutMs: -1 },
      "data.parkTimeoutMs:",
    ],
    ["callDelivered", { callId: "c" }, "data.workplaceId: required"],
    ["callAnswered", { callId: "c", workplaceId: "w", party: "boss" }, "data.party:"],
    ["callRedirected", { callId: "c", fromWorkplaceId: "w", reason: "busy" }, "data.to: required"],
    [
      "callRedirected",
      { callId: "c", fromWorkplaceId: "w", reason: "busy", to: { workplaceId: "a", number: "1" } },
      "data.to: needs exactly one of workplaceId or number",
    ],
    [
      "callRedirected",
      { callId: "c", fromWorkplaceId: "w", reason: "lunch", to: { number: "1" } },
      "data.reason:",
    ],
    ["callEnded", { callId: "c", result: "weird" }, "data.result:"],
    ["callEnded", { callId: "c", result: "missed", talkSec: -5 }, "data.talkSec:"],
    [
      "recordingReady",
      {
        callId: "c",
        recordingId: "r",
        files: [{ url: "u", format: "ogg", durationSec: 1, sizeBytes: 1 }],
      },
      "data.files.0.format:",
    ],
    ["recordingReady", { callId: "c", recordingId: "r" }, "data.files: required"],
    ["settingsChanged", { sections: "all" }, "data.sections:"],
  ])("rejects bad data for %s (%j)", (type, data, reason) => {
    expect(reasonOf(body(type, data))).toContain(reason);
  });

  it("rejects a known type without data", () => {
    expect(reasonOf(JSON.stringify({ id: "n", type: "callEnded", occurredAt }))).toBe(
      "data: required",
    );
  });

  it("rejects bodies over the size limit before parsing", () => {
    const filler = "x".repeat(MAX_NOTIFICATION_BYTES);
    expect(reasonOf(body("settingsChanged", { sections: [], filler }))).toMatch(/body too large/);
    expect(reasonOf(Buffer.alloc(MAX_NOTIFICATION_BYTES + 1, 32))).toMatch(/body too large/);
  });
});

describe("verifyNotificationSignature", () => {
  const secret = "client-secret-from-mtt";
  const raw = body("callDelivered", { callId: "c1", workplaceId: "w1" });
  const hex = createHmac("sha256", secret).update(raw).digest("hex");

  it("exports the header name in lower case (as Node and fetch Headers report it)", () => {
    expect(NOTIFICATION_SIGNATURE_HEADER).toBe("x-mtt-signature");
  });

  it("accepts the right signature for a string or Buffer body, any hex case", () => {
    expect(verifyNotificationSignature(raw, `sha256=${hex}`, secret)).toBe(true);
    expect(verifyNotificationSignature(Buffer.from(raw), `sha256=${hex}`, secret)).toBe(true);
    expect(verifyNotificationSignature(raw, `sha256=${hex.toUpperCase()}`, secret)).toBe(true);
  });

  it("rejects a wrong secret or a changed body", () => {
    expect(verifyNotificationSignature(raw, `sha256=${hex}`, "other-secret")).toBe(false);
    expect(verifyNotificationSignature(`${raw} `, `sha256=${hex}`, secret)).toBe(false);
  });

  it.each([
    ["missing", null],
    ["empty", ""],
    ["no prefix", hex],
    ["other algorithm", `sha1=${hex}`],
    ["short", `sha256=${hex.slice(2)}`],
    ["long", `sha256=${hex}00`],
    ["not hex", `sha256=${"z".repeat(64)}`],
  ])("returns false for a malformed header (%s)", (_name, header) => {
    expect(verifyNotificationSignature(raw, header, secret)).toBe(false);
  });

  it("returns false when no secret is configured", () => {
    const unkeyed = createHmac("sha256", "").update(raw).digest("hex");
    expect(verifyNotificationSignature(raw, `sha256=${unkeyed}`, "")).toBe(false);
  });
});
