import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import type { SessionUser } from "@/server/auth/session-user";
import { getDb } from "@/server/db";
import { ensureIntegration, saveCredentials } from "@/server/integrations/integration";
import { receiveNotification } from "@/server/integrations/notifications";
import { settleLivePath } from "@/server/calls/live-path";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { listCallHistory } from "@/server/calls/history";
import { localDateOf, startOfLocalDay } from "@/lib/zoned-time";
import { actorOf } from "@/server/testing/actors";
import { userActor } from "@/server/policy/actor";

const secret = "history-secret-123456";
const SALES = "+74950000001";
const SUPPORT = "+74950000002";
const ROMAN = "+79001110001";
const OLGA = "+79001110002";
const STRANGER = "+79005550000";
const BULK = "+74957770000";

let fixture: TenantFixture | undefined;
let tenantId = "";
let otherTenantId = "";
let admin: SessionUser;
let supervisor: SessionUser;
let maria: SessionUser;
let ivan: SessionUser;
let otherAdmin: SessionUser;
let romanId = "";
let olgaId = "";
const ids: Record<string, string> = {};

// Midday in Moscow today: far enough from midnight for "today" and "yesterday" to be stable.
const NOW = new Date(
  startOfLocalDay(localDateOf(new Date(), "Europe/Moscow"), "Europe/Moscow").getTime() +
    12 * 3600_000,
);
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
// When the clients' numbers were put on their cards: before every call here, so their personal
// managers see those calls (a number only brings the calls made after it was the client's).
const LONG_AGO = new Date("2020-01-01T00:00:00Z");

async function user(
  tenant: string,
  email: string,
  role: SessionUser["role"],
  workplaceId?: string,
) {
  const row = await getDb().user.create({
    data: {
      tenantId: tenant,
      email,
      name: email.split("@")[0] ?? email,
      role,
      status: "ACTIVE",
      workplaceId,
    },
    select: { id: true, email: true, name: true, role: true, tenantId: true },
  });
  return { ...row, locale: null } satisfies SessionUser;
}

type CallSeed = {
  key: string;
  tenant?: string;
  direction: "IN" | "OUT" | "INTERNAL";
  from: string;
  to: string;
  result: "ANSWERED" | "MISSED" | "BUSY" | "FAILED" | null;
  startedAt: Date;
  managerId?: string | null;
  clientId?: string | null;
  state?: "ENDED" | "TALKING";
  parentKey?: string;
};

async function insertCall(seed: CallSeed): Promise<string> {
  const isAnswered = seed.result === "ANSWERED";
  const row = await getDb().call.create({
    data: {
      tenantId: seed.tenant ?? tenantId,
      externalId: `${seed.key}-${randomUUID()}`,
      direction: seed.direction,
      fromNumber: seed.from,
      toNumber: seed.to,
      state: seed.state ?? "ENDED",
      result: seed.state === "TALKING" ? null : seed.result,
      startedAt: seed.startedAt,
      answeredAt: isAnswered ? new Date(seed.startedAt.getTime() + 8000) : null,
      endedAt: seed.state === "TALKING" ? null : new Date(seed.startedAt.getTime() + 60_000),
      talkSec: isAnswered ? 52 : 0,
      durationSec: 60,
      managerId: seed.managerId ?? null,
      clientId: seed.clientId ?? null,
      parentCallId: seed.parentKey ? ids[seed.parentKey] : null,
      lastEventAt: seed.startedAt,
    },
    select: { id: true },
  });
  ids[seed.key] = row.id;
  return row.id;
}

async function deliver(key: string, type: string, atMs: number, data: Record<string, unknown>) {
  const body = JSON.stringify({
    id: randomUUID(),
    type,
    occurredAt: new Date(atMs).toISOString(),
    data,
  });
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const result = await receiveNotification({
    notificationKey: key,
    rawBody: body,
    signature,
    contentType: "application/json",
  });
  expect(result.status).toBe(200);
  // Acknowledged once durable; the call is folded right after.
  expect(await settleLivePath()).toBe(true);
}

const caller = (u: SessionUser) => createCaller({ user: u, ip: null });
const historyKeys = (calls: Array<{ id: string }>) => {
  const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
  return calls.map((c) => byId.get(c.id) ?? c.id);
};

beforeAll(async () => {
  fixture = await setUpTenant();
  tenantId = fixture.tenantId;
  const db = getDb();
  const wp1 = await db.workplace.create({
    data: { tenantId, externalId: "wp-1", name: "Sales 1" },
  });
  const wp2 = await db.workplace.create({
    data: { tenantId, externalId: "wp-2", name: "Sales 2" },
  });
  admin = await db.user
    .findUniqueOrThrow({
      where: { id: fixture.adminId },
      select: { id: true, email: true, name: true, role: true, tenantId: true },
    })
    .then((u) => ({ ...u, locale: null }));
  supervisor = await user(tenantId, "sveta@acme.test", "SUPERVISOR");
  maria = await user(tenantId, "maria@acme.test", "MANAGER", wp1.id);
  ivan = await user(tenantId, "ivan@acme.test", "MANAGER", wp2.id);
  await db.pbxNumber.createMany({
    data: [
      { tenantId, externalId: "n1", e164: SALES, kind: "CITY", label: "Sales line" },
      { tenantId, externalId: "n2", e164: SUPPORT, kind: "CITY", label: "Support" },
    ],
  });
  romanId = (
    await db.client.create({
      data: {
        tenantId,
        name: "Roman Kovalev",
        company: "Romashka LLC",
        personalManagerId: maria.id,
        phones: { create: { tenantId, e164: ROMAN, createdAt: LONG_AGO } },
      },
    })
  ).id;
  olgaId = (
    await db.client.create({
      data: {
        tenantId,
        name: "Olga Sidorova",
        personalManagerId: ivan.id,
        phones: { create: { tenantId, e164: OLGA, createdAt: LONG_AGO } },
      },
    })
  ).id;

  const other = await db.tenant.create({ data: { name: "Other" } });
  otherTenantId = other.id;
  otherAdmin = await user(otherTenantId, "admin@other.test", "ADMIN");

  await insertCall({
    key: "romanToday",
    direction: "IN",
    from: ROMAN,
    to: SALES,
    result: "ANSWERED",
    startedAt: ago(60),
    managerId: maria.id,
    clientId: romanId,
  });
  await insertCall({
    key: "strangerMissed",
    direction: "IN",
    from: STRANGER,
    to: SUPPORT,
    result: "MISSED",
    startedAt: ago(90),
    managerId: ivan.id,
  });
  await insertCall({
    key: "olgaBusyYesterday",
    direction: "IN",
    from: OLGA,
    to: SALES,
    result: "BUSY",
    startedAt: ago(20 * 60),
    managerId: maria.id,
    clientId: olgaId,
  });
  await insertCall({
    key: "romanOutFailed",
    direction: "OUT",
    from: SUPPORT,
    to: ROMAN,
    result: "FAILED",
    startedAt: ago(10 * 24 * 60),
    managerId: ivan.id,
    clientId: romanId,
  });
  await insertCall({
    key: "live",
    direction: "IN",
    from: STRANGER,
    to: SALES,
    result: null,
    startedAt: ago(1),
    managerId: maria.id,
    state: "TALKING",
  });
  await insertCall({
    key: "stale",
    direction: "IN",
    from: STRANGER,
    to: SALES,
    result: null,
    startedAt: ago(3 * 24 * 60),
    managerId: ivan.id,
    state: "TALKING",
  });
  await insertCall({
    key: "leg",
    direction: "OUT",
    from: SALES,
    to: ROMAN,
    result: "ANSWERED",
    startedAt: ago(60),
    managerId: maria.id,
    parentKey: "romanToday",
  });
  await insertCall({
    key: "otherTenant",
    tenant: otherTenantId,
    direction: "IN",
    from: ROMAN,
    to: SALES,
    result: "ANSWERED",
    startedAt: ago(30),
  });

  // 105 bulk calls; the first 60 share one start instant, so only the id breaks ties.
  const tie = ago(2 * 24 * 60);
  for (let i = 0; i < 105; i += 1) {
    await insertCall({
      key: `bulk${i}`,
      direction: "INTERNAL",
      from: BULK,
      to: SALES,
      result: "ANSWERED",
      startedAt: i < 60 ? tie : new Date(tie.getTime() - i * 1000),
    });
  }

  // A click-to-call through the real notification path: two legs, one logical call.
  const key = (await ensureIntegration(tenantId)).notificationKey;
  await saveCredentials(actorOf(tenantId, fixture.adminId), {
    clientId: "pult",
    clientSecret: secret,
    signNotifications: true,
  });
  const callId = "ctc-1";
  const t = ago(30).getTime();
  await deliver(key, "callStarted", t, {
    callId,
    direction: "outgoing",
    from: SALES,
    to: OLGA,
    workplaceId: "wp-1",
    parked: false,
  });
  await deliver(key, "callDelivered", t + 1000, { callId, workplaceId: "wp-1" });
  await deliver(key, "callAnswered", t + 3000, { callId, workplaceId: "wp-1", party: "workplace" });
  await deliver(key, "callAnswered", t + 9000, { callId, workplaceId: "wp-1", party: "remote" });
  await deliver(key, "callEnded", t + 69_000, {
    callId,
    result: "answered",
    durationSec: 69,
    talkSec: 60,
    hasRecording: true,
  });
  const ctc = await db.call.findUniqueOrThrow({
    where: { tenantId_externalId: { tenantId, externalId: callId } },
    select: { id: true },
  });
  ids.clickToCall = ctc.id;

  await db.routingDecision.create({
    data: {
      tenantId,
      callId: ids.romanToday!,
      outcome: "TRANSFER_WORKPLACE",
      targetWorkplaceId: wp1.id,
      decidedInMs: 3,
      explanation: [
        { kind: "ruleMatched", rule: "Personal manager" },
        { kind: "personalManager", name: "maria", status: "available" },
        // Older or hand-written shapes still read as text.
        "Caller is client Roman Kovalev",
        { text: "Personal manager Maria is available" },
      ],
    },
  });
  const recording = await db.recording.create({
    data: { tenantId, callId: ids.romanToday!, externalId: "rec-1", status: "READY" },
  });
  await db.recordingFile.createMany({
    data: [0, 1].map((index) => ({
      tenantId,
      recordingId: recording.id,
      index,
      sourceUrl: `https://pbx.test/rec-1/${index}`,
      format: "mp3",
      durationSec: 20 + index,
    })),
  });
}, 120_000);

afterAll(async () => {
  await fixture?.teardown();
});

const scopeOf = (u: SessionUser) => userActor(u, null);
const nonBulk = { q: undefined, limit: 500 } as const;

describe("call history", () => {
  it("lists ended and stale calls newest first, without legs, live calls or other tenants", async () => {
    const page = await listCallHistory(
      scopeOf(supervisor),
      { ...nonBulk, period: "all", number: undefined },
      NOW,
    );
    const keys = historyKeys(page.calls).filter((k) => !k.startsWith("bulk"));
    expect(keys).toEqual([
      "clickToCall",
      "romanToday",
      "strangerMissed",
      "olgaBusyYesterday",
      "stale",
      "romanOutFailed",
    ]);
    expect(page.total).toBe(6 + 105);
    expect(page.isTotalCapped).toBe(false);
  });

  it("shows a click-to-call once, as an outgoing answered call of the employee who placed it", async () => {
    const page = await listCallHistory(
      scopeOf(admin),
      { period: "all", limit: 50, clientId: olgaId, callDirection: "OUT" },
      NOW,
    );
    expect(page.calls).toHaveLength(1);
    expect(page.calls[0]).toMatchObject({
      id: ids.clickToCall,
      isClickToCall: true,
      result: "ANSWERED",
      manager: { name: "maria" },
      talkSec: 60,
      waitSec: 9,
      numberLabel: "Sales line",
      hasRecording: true,
    });
  });

  it("filters by each field", async () => {
    const run = async (filters: Record<string, unknown>) =>
      historyKeys(
        (await listCallHistory(scopeOf(supervisor), { period: "all", limit: 500, ...filters }, NOW))
          .calls,
      ).filter((k) => !k.startsWith("bulk"));
    expect(await run({ period: "today" })).toEqual(["clickToCall", "romanToday", "strangerMissed"]);
    expect(await run({ period: "yesterday" })).toEqual(["olgaBusyYesterday"]);
    expect(await run({ period: "7d" })).toEqual([
      "clickToCall",
      "romanToday",
      "strangerMissed",
      "olgaBusyYesterday",
      "stale",
    ]);
    expect(await run({ period: "30d", callDirection: "OUT" })).toEqual([
      "clickToCall",
      "romanOutFailed",
    ]);
    const yesterday = localDateOf(ago(20 * 60), "Europe/Moscow");
    const day = `${yesterday.year}-${String(yesterday.month).padStart(2, "0")}-${String(yesterday.day).padStart(2, "0")}`;
    expect(await run({ period: "custom", from: day, to: day })).toEqual(["olgaBusyYesterday"]);
    expect(await run({ result: "MISSED" })).toEqual(["strangerMissed"]);
    expect(await run({ result: "BUSY" })).toEqual(["olgaBusyYesterday"]);
    expect(await run({ result: "FAILED" })).toEqual(["romanOutFailed"]);
    expect(await run({ managerId: ivan.id })).toEqual([
      "strangerMissed",
      "stale",
      "romanOutFailed",
    ]);
    // Our number: the callee of incoming calls, the caller of outgoing ones.
    expect(await run({ number: SUPPORT })).toEqual(["strangerMissed", "romanOutFailed"]);
    expect(await run({ client: "romash" })).toEqual(["romanToday", "romanOutFailed"]);
    expect(await run({ client: "OLGA" })).toEqual(["clickToCall", "olgaBusyYesterday"]);
    expect(await run({ q: "555 00" })).toEqual(["strangerMissed", "stale"]);
    expect(await run({ q: "(900) 111-00-01" })).toEqual(["romanToday", "romanOutFailed"]);
  });

  it("pages through ties without gaps or repeats and ends exactly", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    for (let n = 0; n < 5; n += 1) {
      const page = await listCallHistory(
        scopeOf(admin),
        { period: "all", limit: 50, q: BULK, cursor },
        NOW,
      );
      sizes.push(page.calls.length);
      if (n === 0) expect(page.total).toBe(105);
      else expect(page.total).toBeNull();
      seen.push(...page.calls.map((c) => c.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(sizes).toEqual([50, 50, 5]);
    expect(new Set(seen).size).toBe(105);
    const expected = await getDb().call.findMany({
      where: { tenantId, fromNumber: BULK },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(seen).toEqual(expected.map((c) => c.id));

    // A result set of exactly one page has no next page.
    const exact = await listCallHistory(
      scopeOf(admin),
      { period: "all", limit: 105, q: BULK },
      NOW,
    );
    expect(exact.calls).toHaveLength(105);
    expect(exact.nextCursor).toBeNull();
  });

  it("rejects a forged cursor", async () => {
    await expect(
      caller(admin).calls.history({ period: "all", cursor: "forged" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("shows a manager their own calls and their clients' calls only", async () => {
    const mine = await caller(maria).calls.history({ period: "all" });
    expect(historyKeys(mine.calls)).toEqual([
      "clickToCall",
      "romanToday",
      "olgaBusyYesterday",
      "romanOutFailed",
    ]);
    const his = await caller(ivan).calls.history({ period: "all" });
    expect(historyKeys(his.calls)).toEqual([
      "clickToCall",
      "strangerMissed",
      "olgaBusyYesterday",
      "stale",
      "romanOutFailed",
    ]);
    // Filtering by someone else does not widen the scope.
    const widened = await caller(ivan).calls.history({ period: "all", managerId: maria.id });
    expect(historyKeys(widened.calls)).toEqual(["clickToCall", "olgaBusyYesterday"]);
  });

  it("keeps tenants apart", async () => {
    const other = await caller(otherAdmin).calls.history({ period: "all" });
    expect(historyKeys(other.calls)).toEqual(["otherTenant"]);
    const options = await caller(otherAdmin).calls.historyFilterOptions();
    expect(options.managers.map((m) => m.name)).toEqual(["admin"]);
    expect(options.numbers).toEqual([]);
  });

  it("rejects bad filters with field errors and anonymous callers", async () => {
    const error: unknown = await caller(admin)
      .calls.history({ period: "custom", from: "2026-05-03", to: "2026-05-01" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    const issues = (error as { cause?: { issues?: Array<{ path: string[]; message: string }> } })
      .cause?.issues;
    expect(issues?.map((i) => `${i.path.join(".")}:${i.message}`)).toEqual(["to:range_reversed"]);
    await expect(createCaller({ user: null, ip: null }).calls.history({})).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});

describe("call detail", () => {
  it("shows parties, times, timeline, routing and recordings", async () => {
    const detail = await caller(supervisor).calls.detail({ id: ids.romanToday! });
    expect(detail).toMatchObject({
      direction: "IN",
      result: "ANSWERED",
      client: { id: romanId, name: "Roman Kovalev", personalManager: { name: "maria" } },
      manager: { name: "maria" },
      numberLabel: "Sales line",
      waitSec: 8,
      routing: {
        outcome: "TRANSFER_WORKPLACE",
        decidedInMs: 3,
        targetWorkplace: { name: "Sales 1" },
        steps: [
          { kind: "ruleMatched", rule: "Personal manager" },
          { kind: "personalManager", name: "maria", status: "available" },
          { kind: "text", text: "Caller is client Roman Kovalev" },
          { kind: "text", text: "Personal manager Maria is available" },
        ],
      },
      recordings: [{ status: "READY", fileCount: 2, durationSec: 41 }],
    });
  });

  it("turns each event of a click-to-call into a readable step", async () => {
    const detail = await caller(maria).calls.detail({ id: ids.clickToCall! });
    expect(detail.timeline.map((item) => item.kind)).toEqual([
      "started",
      "delivered",
      "answered",
      "answered",
      "ended",
    ]);
    expect(detail.timeline[1]).toMatchObject({
      kind: "delivered",
      workplace: { name: "Sales 1", person: "maria" },
    });
    expect(detail.timeline[3]).toMatchObject({ kind: "answered", party: "remote" });
    expect(detail.timeline[4]).toMatchObject({ kind: "ended", result: "answered", talkSec: 60 });
    expect(detail.routing).toBeNull();
  });

  it("answers not-found alike for unknown calls, other tenants' calls and calls a manager may not see", async () => {
    const notFound = { code: "NOT_FOUND" };
    await expect(caller(admin).calls.detail({ id: randomUUID() })).rejects.toMatchObject(notFound);
    await expect(caller(otherAdmin).calls.detail({ id: ids.romanToday! })).rejects.toMatchObject(
      notFound,
    );
    await expect(caller(ivan).calls.detail({ id: ids.romanToday! })).rejects.toMatchObject(
      notFound,
    );
    await expect(caller(admin).calls.detail({ id: ids.otherTenant! })).rejects.toMatchObject(
      notFound,
    );
    // Roman is Maria's client, so she sees Ivan's call to him.
    await expect(caller(maria).calls.detail({ id: ids.romanOutFailed! })).resolves.toMatchObject({
      result: "FAILED",
    });
    await expect(caller(admin).calls.detail({ id: "not-a-uuid" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
