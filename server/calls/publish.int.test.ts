import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type {
  ClientToServerEvents,
  LiveCall,
  ManagerStatusPatch,
  PushedCall,
  PushedCallPatch,
  ServerToClientEvents,
} from "@/lib/realtime/events";
import { getDb } from "@/server/db";
import { startRealtime, type Realtime } from "@/server/realtime/io";
import { middayTimeZone, setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { liveCallFixture } from "@/server/calls/live-call-fixture";
import type { CallRowState } from "@/server/calls/fold-write";
import { notePanelChange, PANEL_EMIT_EVERY_MS } from "@/server/calls/manager-panel";
import { publishCall, STAFF_BATCH_MS } from "@/server/calls/publish";

const secret = "publish-test-secret-0123456789-abcdefghij";
let fixture: TenantFixture;
let http: HttpServer;
let realtime: Realtime;
let socket: Socket<ServerToClientEvents, ClientToServerEvents>;
const managerIds: string[] = [];

beforeAll(async () => {
  fixture = await setUpTenant();
  // The panel counts calls that started today; these started a minute ago.
  await getDb().tenant.update({
    where: { id: fixture.tenantId },
    data: { timeZone: middayTimeZone() },
  });
  for (const name of ["Anna", "Boris"]) {
    const user = await getDb().user.create({
      data: {
        tenantId: fixture.tenantId,
        email: `${name.toLowerCase()}@acme.test`,
        name,
        role: "MANAGER",
        status: "ACTIVE",
        presence: "AVAILABLE",
      },
    });
    managerIds.push(user.id);
  }
  realtime = await startRealtime({ authSecret: secret });
  http = createServer((req, res) => {
    if (!realtime.handleRequest(req, res)) res.writeHead(404).end();
  });
  http.on("upgrade", (req, sock, head: Buffer) => {
    if (!realtime.handleUpgrade(req, sock, head)) sock.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const cookieName = "authjs.session-token";
  const token = await encode({
    token: { uid: fixture.adminId, sv: 0 },
    secret,
    salt: cookieName,
  });
  socket = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
    transports: ["websocket"],
    extraHeaders: { cookie: `${cookieName}=${token}` },
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("realtime:ready", () => resolve());
    socket.once("connect_error", reject);
  });
});

afterAll(async () => {
  socket?.disconnect();
  await realtime?.close();
  await new Promise((resolve) => http?.close(resolve));
  await fixture?.teardown();
});

const row = (
  id: string,
  version: number,
  managerId: string,
  state: CallRowState["state"],
  answeredAt: Date | null,
  talkSec: number | null = null,
): CallRowState => ({
  id,
  version,
  direction: "IN",
  state,
  result: state === "ENDED" ? (answeredAt ? "ANSWERED" : "MISSED") : null,
  fromNumber: "+79001112233",
  toNumber: "+74951234567",
  startedAt: new Date(Date.now() - 60_000),
  answeredAt,
  endedAt: state === "ENDED" ? new Date() : null,
  talkSec,
  isEndReported: true,
  isClickToCall: false,
  managerId,
  workplaceId: null,
  clientId: null,
});

describe("manager status publishing", () => {
  it("keeps the panel from the fold's changes: one frame a second, newest version wins, repeats change nothing", async () => {
    const [anna, boris] = managerIds as [string, string];
    const frames: ManagerStatusPatch[][] = [];
    socket.on("managers:updated", (statuses) => frames.push(statuses));
    // When the server sent each frame: a browser's arrival times also carry the delivery delay,
    // and a first frame delivered late would make the gap look short on a busy machine.
    const sentAt: number[] = [];
    const broadcast = Object.getPrototypeOf(realtime.io.local) as {
      emit: (event: string, ...args: unknown[]) => boolean;
    };
    const emit = broadcast.emit;
    const spy = vi.spyOn(broadcast, "emit").mockImplementation(function (
      this: unknown,
      event: string,
      ...args: unknown[]
    ) {
      if (event === "managers:updated") sentAt.push(performance.now());
      return emit.call(this, event, ...args);
    });
    const waitFrames = (n: number) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const poll = () =>
          frames.length >= n
            ? resolve()
            : Date.now() - started > 5_000
              ? reject(new Error(`${frames.length} frames, wanted ${n}`))
              : setTimeout(poll, 20);
        poll();
      });
    await getDb().user.update({ where: { id: boris }, data: { presence: "BREAK" } });
    const callA = "00000000-0000-4000-8000-00000000a001";
    const callB = "00000000-0000-4000-8000-00000000b001";
    // A burst: Anna's call rings then is answered; Boris misses one. Applied twice, and an old
    // version after the new one: neither may change the result.
    const ringing = row(callA, 1, anna, "RINGING", null);
    const talking = row(callA, 2, anna, "TALKING", new Date());
    const missed = row(callB, 3, boris, "ENDED", null);
    notePanelChange(fixture.tenantId, null, ringing);
    notePanelChange(fixture.tenantId, ringing, talking);
    notePanelChange(fixture.tenantId, null, missed);
    notePanelChange(fixture.tenantId, null, missed);
    notePanelChange(fixture.tenantId, null, ringing);
    await waitFrames(1);
    await new Promise((resolve) => setTimeout(resolve, 200)); // nothing else inside the second
    expect(frames).toHaveLength(1);
    const first = new Map(frames[0]?.map((s) => [s.id, s]));
    expect(first.get(anna)).toMatchObject({
      name: "Anna",
      activity: "talking",
      today: { answered: 1, missed: 0, talkSec: 0 },
    });
    expect(first.get(boris)).toMatchObject({
      presence: "BREAK",
      activity: "idle",
      today: { answered: 0, missed: 1, talkSec: 0 },
    });

    // The call ends: the next frame waits until a second has passed since the first one (not
    // since this change) and carries only Anna.
    notePanelChange(fixture.tenantId, talking, row(callA, 4, anna, "ENDED", new Date(), 42));
    await waitFrames(2);
    spy.mockRestore();
    const [firstAt = 0, secondAt = 0] = sentAt;
    expect(sentAt).toHaveLength(2);
    // Timers may fire a little early (they are rounded to the millisecond), never by much.
    expect(secondAt - firstAt).toBeGreaterThanOrEqual(PANEL_EMIT_EVERY_MS - 5);
    // Only what changed for her: her name, workplace and presence were in the first frame.
    expect(frames[1]).toEqual([
      { id: anna, activity: "idle", today: { answered: 1, missed: 0, talkSec: 42 } },
    ]);
  });
});

// Each state as the fold's next write of the call.
const FOLD_OF_STATE: Record<LiveCall["state"], number> = {
  PARKED: 1,
  RINGING: 2,
  TALKING: 3,
  ON_HOLD: 4,
  ENDED: 4,
};
const liveCall = (externalId: string, state: LiveCall["state"]): LiveCall =>
  liveCallFixture(`00000000-0000-4000-8000-${externalId.padStart(12, "0")}`, {
    externalId,
    state,
    foldVersion: FOLD_OF_STATE[state],
  });

describe("call publishing to supervisors", () => {
  it("sends a burst of call events as one calls:updated frame, each call once in its latest state", async () => {
    const frames: Array<Array<PushedCall | PushedCallPatch>> = [];
    const single: PushedCall[] = [];
    socket.on("calls:updated", (calls) => frames.push(calls));
    socket.on("call:updated", (call) => single.push(call));
    const publish = (live: LiveCall, eventIds: string[] = []) =>
      publishCall(fixture.tenantId, {
        callId: live.id,
        managerId: null,
        previousManagerId: null,
        isRingingNow: false,
        live,
        eventIds,
      });

    await publish(liveCall("101", "PARKED"), ["e1"]);
    await publish(liveCall("202", "RINGING"), ["e2"]);
    await publish(liveCall("101", "RINGING"), ["e3"]);
    await publish(liveCall("101", "TALKING"), ["e4", "e5"]);
    await new Promise((resolve) => setTimeout(resolve, STAFF_BATCH_MS + 150));

    expect(frames).toHaveLength(1);
    expect(frames[0]?.map((c) => [c.externalId, c.state])).toEqual([
      ["202", "RINGING"],
      ["101", "TALKING"],
    ]);
    // Each call carries every event folded into it since the last frame, for tracing a push.
    expect(frames[0]?.map((c) => c.eventIds)).toEqual([["e2"], ["e1", "e3", "e4", "e5"]]);
    // An admin is not the calls' manager: nothing one by one.
    expect(single).toEqual([]);

    // The next burst is a new frame.
    await publish(liveCall("101", "ENDED"));
    await new Promise((resolve) => setTimeout(resolve, STAFF_BATCH_MS + 150));
    expect(frames.map((f) => f.map((c) => c.state))).toEqual([["RINGING", "TALKING"], ["ENDED"]]);
    // Only what changed since the frame before: the numbers, ids and start went with it.
    expect(frames[1]).toEqual([
      {
        id: liveCall("101", "ENDED").id,
        foldVersion: 4,
        baseVersion: 3,
        state: "ENDED",
        eventIds: [],
      },
    ]);
  });
});
