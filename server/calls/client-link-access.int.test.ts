// A manager sees a call through the client link (besides the calls they took) only if they were
// the client's personal manager when the call started, and the call's number was the client's
// then. Before this rule a manager could put any unowned number on a card of their own — a new
// client, or one they already had — and read the timelines and hear the recordings of every
// earlier call from that number, taken by their colleagues.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import type { SessionUser } from "@/server/auth/session-user";
import { getDb } from "@/server/db";
import { authorizeRecording } from "@/server/recordings/access";
import { userActor } from "@/server/policy/actor";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";

const SALES = "+74950000001";
const UNKNOWN = "+79007770001";
const SECOND_UNKNOWN = "+79007770002";
const OWN_CLIENT = "+79007770003";
const HANDED_OVER = "+79007770004";

let fixture: TenantFixture | undefined;
let tenantId = "";
let admin: SessionUser;
let anna: SessionUser; // took the calls
let mallory: SessionUser; // wants to read them
let boris: SessionUser; // gets a client handed over by the admin
let externalSeq = 0;

const caller = (user: SessionUser) => createCaller({ user, ip: null });
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function user(email: string, role: SessionUser["role"]): Promise<SessionUser> {
  const row = await getDb().user.create({
    data: { tenantId, email, name: email.split("@")[0] ?? email, role, status: "ACTIVE" },
    select: { id: true, email: true, name: true, role: true, tenantId: true },
  });
  return { ...row, locale: null };
}

/** A finished incoming call taken by `managerId`, with a stored recording, as ingest leaves it. */
async function pastCall(from: string, startedAt: Date, managerId: string) {
  const db = getDb();
  const clientId =
    (
      await db.clientPhone.findUnique({
        where: { tenantId_e164: { tenantId, e164: from } },
        select: { clientId: true },
      })
    )?.clientId ?? null;
  const call = await db.call.create({
    data: {
      tenantId,
      externalId: `call-${++externalSeq}`,
      direction: "IN",
      fromNumber: from,
      toNumber: SALES,
      state: "ENDED",
      result: "ANSWERED",
      startedAt,
      answeredAt: startedAt,
      endedAt: new Date(startedAt.getTime() + 60_000),
      talkSec: 60,
      durationSec: 60,
      managerId,
      clientId,
      hasRecording: true,
      lastEventAt: startedAt,
    },
    select: { id: true },
  });
  const recording = await db.recording.create({
    data: { tenantId, callId: call.id, externalId: `rec-${externalSeq}`, status: "READY" },
    select: { id: true },
  });
  return { callId: call.id, recordingId: recording.id };
}

async function sees(viewer: SessionUser, call: { callId: string; recordingId: string }) {
  const api = caller(viewer);
  const history = await api.calls.history({ period: "all" });
  const inHistory = history.calls.some((item) => item.id === call.callId);
  const detail = await api.calls.detail({ id: call.callId }).then(
    () => true,
    () => false,
  );
  const recordings = await api.recordings.list({});
  const inRecordings = recordings.items.some((item) => item.id === call.recordingId);
  const hears = await authorizeRecording(userActor(viewer, null), call.recordingId).then(
    () => true,
    () => false,
  );
  const byCall = await api.recordings.byCall({ callId: call.callId }).then(
    () => true,
    () => false,
  );
  return { inHistory, detail, inRecordings, hears, byCall };
}

const nothing = {
  inHistory: false,
  detail: false,
  inRecordings: false,
  hears: false,
  byCall: false,
};
const everything = { inHistory: true, detail: true, inRecordings: true, hears: true, byCall: true };

beforeAll(async () => {
  fixture = await setUpTenant();
  tenantId = fixture.tenantId;
  admin = {
    ...(await getDb().user.findUniqueOrThrow({
      where: { id: fixture.adminId },
      select: { id: true, email: true, name: true, role: true, tenantId: true },
    })),
    locale: null,
  };
  anna = await user("anna@acme.test", "MANAGER");
  mallory = await user("mallory@acme.test", "MANAGER");
  boris = await user("boris@acme.test", "MANAGER");
});

afterAll(async () => {
  await fixture?.teardown();
});

describe("calls seen through the client link", () => {
  it("a new client of one's own does not open the earlier calls from its number", async () => {
    const earlier = await pastCall(UNKNOWN, minutesAgo(120), anna.id);
    await caller(mallory).clients.create({
      name: "Poached",
      phones: [{ phone: UNKNOWN, label: null }],
      personalManagerId: mallory.id,
      tags: [],
      isVip: false,
      company: null,
      email: null,
      notes: null,
    });
    // The call is now on the client's card, for everyone…
    const linked = await getDb().call.findUniqueOrThrow({
      where: { id: earlier.callId },
      select: { clientId: true },
    });
    expect(linked.clientId).not.toBeNull();
    // …but its timeline and recording stay with whoever may see them.
    expect(await sees(mallory, earlier)).toEqual(nothing);
    expect(await sees(anna, earlier)).toEqual(everything);
    expect(await sees(admin, earlier)).toEqual(everything);

    // A call from the number once the client is Mallory's is hers to see.
    const later = await pastCall(UNKNOWN, new Date(), anna.id);
    expect(await sees(mallory, later)).toEqual(everything);
  });

  it("a number added to a card one already has does not open its earlier calls either", async () => {
    const own = await caller(mallory).clients.create({
      name: "Mine",
      phones: [{ phone: OWN_CLIENT, label: null }],
      personalManagerId: mallory.id,
      tags: [],
      isVip: false,
      company: null,
      email: null,
      notes: null,
    });
    // Taken by Anna from a number nobody had, while the card above was already Mallory's.
    const earlier = await pastCall(SECOND_UNKNOWN, new Date(), anna.id);
    const card = await caller(mallory).clients.get({ clientId: own.id });
    await caller(mallory).clients.update({
      clientId: own.id,
      name: card.client.name,
      company: null,
      email: null,
      notes: null,
      tags: [],
      isVip: false,
      personalManagerId: mallory.id,
      phones: [
        { phone: OWN_CLIENT, label: null },
        { phone: SECOND_UNKNOWN, label: null },
      ],
    });
    expect(await sees(mallory, earlier)).toEqual(nothing);
    expect(await sees(anna, earlier)).toEqual(everything);
  });

  it("a handover shows the new manager the calls from then on; the previous one keeps theirs", async () => {
    const client = await caller(admin).clients.create({
      name: "Handed over",
      phones: [{ phone: HANDED_OVER, label: null }],
      personalManagerId: anna.id,
      tags: [],
      isVip: false,
      company: null,
      email: null,
      notes: null,
    });
    const before = await pastCall(HANDED_OVER, new Date(), mallory.id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await caller(admin).clients.assign({
      clientIds: [client.id],
      toManagerId: boris.id,
      restoreAt: null,
      reason: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = await pastCall(HANDED_OVER, new Date(), mallory.id);
    expect(await sees(anna, before)).toEqual(everything);
    expect(await sees(anna, after)).toEqual(nothing);
    expect(await sees(boris, before)).toEqual(nothing);
    expect(await sees(boris, after)).toEqual(everything);
  });
});
