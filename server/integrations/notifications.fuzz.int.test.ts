import { createHmac, randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { MAX_NOTIFICATION_BYTES } from "@/server/mtt/notifications";
import { forgetNotificationKeys } from "@/server/integrations/notifications";
import {
  buildNotification,
  callNotificationDraft,
  extremeValue,
  mutate,
  mutation,
  serialize,
  setLeaf,
  settingsDraft,
  uniqueIds,
  wireString,
} from "@/server/testing/notification-arbitraries";
import {
  checkDelivery,
  counts,
  deliver,
  CLIENT_SECRET,
  isStored,
  setUpEndpoint,
  sign,
} from "@/server/testing/notification-endpoint";
import type { TenantFixture } from "@/server/testing/tenant-fixture";

// Property-based fuzzing of POST /api/mtt/<key> through the route handler against a real
// database. Whatever arrives, the answer is 2xx or 4xx, and only accepted notifications change
// anything; malformed ones are only kept in the rejected-notifications log.
// A failure prints the seed and the shrunk counterexample; rerun with that seed to reproduce.

process.env.LOG_LEVEL ??= "error";
const SEED = 20_260_808;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });
const NEAR_RUNS = 300;

let fixture: (TenantFixture & { key: string }) | undefined;
const key = () => fixture?.key ?? "";

const anyDraft = fc.oneof({ weight: 6, arbitrary: callNotificationDraft() }, settingsDraft);
const contentType = fc.oneof(
  fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", null),
  fc.constantFrom("multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*"),
  fc.string({ unit: "binary-ascii", maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
);

beforeAll(async () => {
  fixture = await setUpEndpoint();
});

afterAll(async () => {
  await fixture?.teardown();
});

describe("fuzzing POST /api/mtt/<key>", () => {
  it("arbitrary bytes and text, signed or not: only 2xx/4xx, nothing stored", async () => {
    const token = fc.constantFrom(
      '{"',
      '"}',
      '":',
      '",',
      "[",
      "]",
      "\\",
      "\\u0000",
      "\u0000",
      "\ud800",
      "\ufeff",
      "id",
      "type",
      "callStarted",
      "data",
      "1",
      "null",
      "true",
    );
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.string({ unit: "binary-ascii", maxLength: 300 }),
      fc.array(token, { maxLength: 60 }).map((t) => t.join("")),
    );
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      text.map((s) => new TextEncoder().encode(s)),
    );
    const signature = fc.constantFrom("right", "wrong", "none", "garbage");
    await fc.assert(
      fc.asyncProperty(body, signature, contentType, async (bytes, how, type) => {
        const header =
          how === "right"
            ? sign(bytes)
            : how === "wrong"
              ? sign(bytes, "other")
              : how === "garbage"
                ? "sha256=zz"
                : null;
        const { json, status } = await checkDelivery({
          body: bytes,
          signature: header,
          contentType: type,
        });
        expect(status === 200 && isStored(json)).toBe(false);
      }),
      runs(120),
    );
  });

  it("arbitrary JSON, signed: rejected with a reason, kept only in the rejected log", async () => {
    const json = fc.jsonValue({ maxDepth: 4, stringUnit: "binary" });
    await fc.assert(
      fc.asyncProperty(json, async (value) => {
        const body = JSON.stringify(value);
        const { status, json: answer } = await checkDelivery({ body, signature: sign(body) });
        expect(status === 200 && isStored(answer)).toBe(false);
      }),
      runs(100),
    );
  });

  it("valid notifications with mutated fields: 2xx/4xx, stored once or not at all", async () => {
    const seen = { stored: 0, rejected: 0, other: 0 };
    const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(
        anyDraft,
        fc.nat(),
        mutations,
        contentType,
        async (draft, call, ms, type) => {
          const body = serialize(mutate(buildNotification(draft, uniqueIds(call)), ms));
          const first = await checkDelivery({ body, signature: sign(body), contentType: type });
          if (first.status === 400) seen.rejected++;
          else if (isStored(first.json)) seen.stored++;
          else seen.other++;
          if (first.status !== 200) return;
          // A redelivery of what was accepted is acknowledged and changes nothing.
          const before = await counts();
          const again = await deliver({ body, signature: sign(body), contentType: type });
          expect(again.status).toBe(200);
          if (isStored(first.json)) expect(again.json).toEqual({ ok: true, duplicate: true });
          expect(await counts()).toEqual(before);
        },
      ),
      runs(NEAR_RUNS),
    );
    // The generator must keep hitting both sides of the schema, or the property proves little.
    expect(seen.stored).toBeGreaterThan(NEAR_RUNS / 10);
    expect(seen.rejected).toBeGreaterThan(NEAR_RUNS / 4);
  });

  it("each field of a valid notification at an extreme value: 2xx/4xx, stored once or not at all", async () => {
    await fc.assert(
      fc.asyncProperty(
        anyDraft,
        fc.nat(),
        fc.nat(),
        extremeValue,
        async (draft, call, at, value) => {
          const body = serialize(setLeaf(buildNotification(draft, uniqueIds(call)), at, value));
          await checkDelivery({ body, signature: sign(body) });
        },
      ),
      runs(200),
    );
  });

  it("valid events of one call, shuffled, redelivered, ids reused: each id stored exactly once", async () => {
    const scenario = fc
      .record({
        call: fc.nat(),
        drafts: fc.array(callNotificationDraft(), { minLength: 1, maxLength: 6 }),
        copies: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 6, maxLength: 6 }),
        // Another body under an already used id (the PBX must not do it; the first one wins).
        reuse: fc.option(fc.tuple(fc.nat(), callNotificationDraft()), { nil: undefined }),
      })
      .chain((s) => {
        const callId = uniqueIds(s.call);
        const bodies = s.drafts.map((d) => serialize(buildNotification(d, callId)));
        const ids = bodies.map((b) => String((JSON.parse(b) as { id: unknown }).id));
        const deliveries = bodies.flatMap((b, i) => Array<string>(s.copies[i] ?? 1).fill(b));
        if (s.reuse) {
          const id = ids[s.reuse[0] % ids.length];
          deliveries.push(serialize(buildNotification(s.reuse[1], callId, id)));
        }
        return fc.record({
          callId: fc.constant(String(callId)),
          ids: fc.constant(ids),
          order: fc.shuffledSubarray(deliveries, { minLength: deliveries.length }),
        });
      });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ callId, ids, order }) => {
        const firsts = new Map<string, number>();
        for (const body of order) {
          const { status, json } = await deliver({ body, signature: sign(body) });
          expect(status, JSON.stringify(json)).toBe(200);
          const id = String((JSON.parse(body) as { id: unknown }).id);
          if (isStored(json)) firsts.set(id, (firsts.get(id) ?? 0) + 1);
          else expect(json).toEqual({ ok: true, duplicate: true });
        }
        expect([...firsts.keys()].sort()).toEqual([...new Set(ids)].sort());
        expect([...firsts.values()].every((n) => n === 1)).toBe(true);
        const tenantId = fixture?.tenantId ?? "";
        const db = getDb();
        expect(await db.callEvent.count({ where: { tenantId, notificationId: { in: ids } } })).toBe(
          ids.length,
        );
        expect(await db.call.count({ where: { tenantId, externalId: callId } })).toBe(1);
      }),
      runs(40),
    );
  });

  it("wrong, absent or odd keys and signatures: 404/401, nothing stored or logged", async () => {
    const badKey = fc.oneof(
      wireString(60),
      fc.string({ unit: "binary", maxLength: 3000 }),
      fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      fc.constantFrom(
        "",
        "..",
        "../x",
        "%00",
        "\u0000",
        `${key()}x`,
        key().slice(1),
        key().toUpperCase(),
      ),
    );
    const badSignature = fc.oneof(
      fc.string({ unit: "binary-ascii", maxLength: 80 }).filter((v) => /^[\x21-\x7e]*$/.test(v)),
      fc.stringMatching(/^sha256=[0-9a-f]{64}$/),
      fc.stringMatching(/^sha256=[0-9a-f]{0,63}$/),
      fc.constantFrom("other-secret", "changed-body", "none", "sha1", "md5="),
    );
    await fc.assert(
      fc.asyncProperty(anyDraft, badKey, badSignature, async (draft, wrongKey, how) => {
        const body = serialize(buildNotification(draft, uniqueIds(undefined)));
        const signature =
          how === "other-secret"
            ? sign(body, "other-secret")
            : how === "changed-body"
              ? sign(`${body} `)
              : how === "none"
                ? null
                : how === "sha1"
                  ? `sha1=${createHmac("sha1", CLIENT_SECRET).update(body).digest("hex")}`
                  : how;
        const keyed = await checkDelivery({ body, signature: sign(body), key: wrongKey });
        expect(keyed).toEqual({ status: 404, json: { error: "unknown_integration" } });
        const signed = await checkDelivery({ body, signature });
        expect(signed).toEqual({ status: 401, json: { error: "bad_signature" } });
      }),
      runs(150),
    );
  });

  it("an integration that does not sign: unsigned accepted, a present but wrong signature refused", async () => {
    await getDb().mttIntegration.update({
      where: { notificationKey: key() },
      data: { signNotifications: false },
    });
    forgetNotificationKeys();
    try {
      await fc.assert(
        fc.asyncProperty(anyDraft, fc.boolean(), async (draft, withBadSignature) => {
          const body = serialize(buildNotification(draft, uniqueIds(undefined)));
          const signature = withBadSignature ? sign(body, "guess") : null;
          const { status, json } = await checkDelivery({ body, signature });
          if (withBadSignature) expect(status).toBe(401);
          else expect(isStored(json)).toBe(true);
        }),
        runs(40),
      );
    } finally {
      await getDb().mttIntegration.update({
        where: { notificationKey: key() },
        data: { signNotifications: true },
      });
      forgetNotificationKeys();
    }
  });

  it("oversized bodies, declared, chunked or with a lying Content-Length: 413, nothing kept", async () => {
    const oversize = fc.record({
      size: fc.integer({ min: MAX_NOTIFICATION_BYTES - 512, max: MAX_NOTIFICATION_BYTES * 3 }),
      mode: fc.constantFrom("declared", "chunked", "understated"),
    });
    await fc.assert(
      fc.asyncProperty(anyDraft, oversize, async (draft, { size, mode }) => {
        const notification = buildNotification(draft, uniqueIds(undefined));
        const bare = serialize(notification);
        const pad = Math.max(0, size - Buffer.byteLength(bare) - 12);
        const bytes = Buffer.from(serialize({ ...notification, padding: "x".repeat(pad) }));
        const { status } = await checkDelivery({
          body: mode === "chunked" ? chunked(bytes) : bytes,
          signature: sign(bytes),
          contentLength: mode === "understated" ? "100" : undefined,
        });
        if (bytes.byteLength > MAX_NOTIFICATION_BYTES) expect(status).toBe(413);
        else expect(status).toBe(200);
      }),
      runs(24),
    );
  });
});

// Text that does not compress: PostgreSQL compresses index keys before checking their size.
const noise = (chars: number) => randomBytes(chars).toString("base64").slice(0, chars);

describe("regressions found by fuzzing", () => {
  const started = (data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
    ...extra,
    id: String(uniqueIds(undefined)),
    type: "callStarted",
    occurredAt: "2026-01-01T10:00:00Z",
    data: {
      callId: String(uniqueIds(undefined)),
      direction: "incoming",
      from: "+79161234567",
      to: "+74951234567",
      ...data,
    },
  });
  const ended = (data: Record<string, unknown>) => ({
    id: String(uniqueIds(undefined)),
    type: "callEnded",
    occurredAt: "2026-01-01T10:05:00Z",
    data: { callId: String(uniqueIds(undefined)), result: "answered", ...data },
  });
  const recording = (durationSec: number) => ({
    id: String(uniqueIds(undefined)),
    type: "recordingReady",
    occurredAt: "2026-01-01T10:06:00Z",
    data: {
      callId: "c",
      recordingId: "r",
      files: [{ url: "/r/1.mp3", format: "mp3", durationSec, sizeBytes: 1 }],
    },
  });

  it.each([
    ["an unpaired surrogate in an extra field", serialize(started({}, { note: "a\ud83d" }))],
    ["a NUL character in the caller number", serialize(started({ from: "+7916\u0000" }))],
    ["a NUL character in a key", serialize(started({ "x\u0000": 1 }))],
    [
      "a __proto__ key set to null",
      serialize(started({}, JSON.parse('{"__proto__":null}') as Record<string, unknown>)),
    ],
    ["nesting 100 000 levels deep", serialize(started({ extra: "\u0001deep:100000\u0001" }))],
    ["nesting 40 levels deep", serialize(started({ extra: "\u0001deep:40\u0001" }))],
    [
      "an 8 000-character random call id (past the btree row limit)",
      serialize(started({ callId: noise(8000) })),
    ],
    ["an 8 000-character random dialled number (indexed)", serialize(started({ to: noise(8000) }))],
    [
      "a park timeout of 1e308 ms (an invalid date)",
      serialize(started({ parked: true, parkTimeoutMs: 1e308 })),
    ],
    ["a call of 1e10 seconds (past int4)", serialize(ended({ durationSec: 1e10 }))],
    ["a recording of 1e12 seconds (past int4)", serialize(recording(1e12))],
  ])("refuses %s with 400 and a reason, storing only the rejected log", async (_name, body) => {
    const { status, json } = await checkDelivery({ body, signature: sign(body) });
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: "malformed" });
  });

  it("stores a call whose durations are fractional seconds, rounded", async () => {
    const body = serialize(ended({ durationSec: 61.5, talkSec: 40.4 }));
    expect((await checkDelivery({ body, signature: sign(body) })).status).toBe(200);
    const callId = String((JSON.parse(body) as { data: { callId: string } }).data.callId);
    const call = await getDb().call.findFirstOrThrow({ where: { externalId: callId } });
    expect(call).toMatchObject({ durationSec: 62, talkSec: 40 });
  });

  it("keeps a rejected body with a raw NUL byte and a broken surrogate in the log, readable", async () => {
    // Sent as UTF-8: the lone surrogate arrives as U+FFFD, the NUL as a 0x00 byte.
    const body = '{"id":"\u0000\ud800","type":5}';
    const { status } = await checkDelivery({ body, signature: sign(body) });
    expect(status).toBe(400);
    const row = await getDb().rejectedNotification.findFirstOrThrow({
      orderBy: { receivedAt: "desc" },
    });
    expect(row.rawBody).toBe('{"id":"\ufffd\ufffd","type":5}');
  });

  it("refuses a body that is not UTF-8 (its bytes are signed, not a re-decoded text)", async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"id":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const { status, json } = await checkDelivery({ body: bytes, signature: sign(bytes) });
    expect(status).toBe(400);
    expect(json.reason).toBe("the body is not valid UTF-8");
  });

  it("answers 413 to an endless chunked body without reading it all", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const { status } = await checkDelivery({ body: endless, signature: "sha256=00" });
    expect(status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it("looks up no key with a NUL or other characters a generated key never has", async () => {
    for (const wrongKey of ["\u0000", "a\u0000b", "ключ", "x".repeat(5000)]) {
      const body = serialize(started());
      expect((await checkDelivery({ body, signature: sign(body), key: wrongKey })).status).toBe(
        404,
      );
    }
  });
});

function chunked(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 16 * 1024));
      offset += 16 * 1024;
    },
  });
}
