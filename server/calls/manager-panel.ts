// The managers panel (who is ringing or talking, today's answered / missed / talk time), kept
// incrementally by the fold instead of recomputed with SQL for every event. Each call contributes
// one entry, replaced only by a newer fold_version, so the same change applied twice, late or
// from another instance changes nothing. Entries from other instances arrive through Socket.IO's
// adapter (serverSideEmit); each instance pushes to its own sockets. A full reload from SQL at
// first use, every minute and after staff changes checks the panel (drift is logged and fixed);
// frames go out at most once a second per tenant, each manager with only the fields that changed
// since this instance last sent them (every browser on the board gets every frame: with many
// managers the panel was half of all bytes pushed).
import { z } from "zod";
import { getPool } from "@/server/db";
import { log } from "@/server/logger";
import { getRealtime, tenantRoom } from "@/server/realtime/io";
import { hasTalk, isAnswered, isMissed, type CallOutcome } from "@/server/reports/metrics";
import type { CallRowState } from "@/server/calls/fold-write";
import type { ManagerStatus, ManagerStatusPatch } from "@/server/calls/managers";
import { addDays, formatLocalDate, localDateOf, startOfLocalDay } from "@/lib/zoned-time";

export type PanelEntry = {
  callId: string;
  version: number;
  managerId: string | null;
  /** The call's start as a local date (YYYY-MM-DD): counters are for calls that started today. */
  day: string;
  activity: "ringing" | "talking" | null;
  answered: number;
  missed: number;
  talkSec: number;
};

type Manager = Pick<ManagerStatus, "id" | "name" | "workplace" | "presence">;
type Panel = {
  tenantId: string;
  timeZone: string;
  today: string;
  managers: Map<string, Manager>;
  calls: Map<string, PanelEntry>;
  /** The calls of each manager (ids into `calls`): a status reads only its own entries. */
  byManager: Map<string, Set<string>>;
  /** What this instance last sent for each manager, to send only the fields that changed. */
  sent: Map<string, ManagerStatus>;
  dirty: Set<string>;
  lastEmitAt: number;
  timer: NodeJS.Timeout | null;
  checkedAt: number;
};

export const PANEL_EMIT_EVERY_MS = 1_000;
const CHECK_EVERY_MS = 60_000;
// A call whose end never arrived stops counting as "on a call" after this.
const STALE_CALL_MS = 12 * 3600_000;

const holder = globalThis as unknown as {
  __pultPanels?: Map<string, Promise<Panel>>;
  __pultPanelPeer?: boolean;
};
const panels = () => (holder.__pultPanels ??= new Map<string, Promise<Panel>>());

// Every fold write asks for its call's local day; nearly all are today's. The zone's offset is
// looked up once per zone and day instead of for every call (it was 1 % of the live path's CPU).
const dayRanges = new Map<string, { from: number; to: number; day: string }>();
function localDay(at: Date, timeZone: string): string {
  const ms = at.getTime();
  const known = dayRanges.get(timeZone);
  if (known && ms >= known.from && ms < known.to) return known.day;
  const date = localDateOf(at, timeZone);
  const day = formatLocalDate(date);
  // Only ranges around now are kept: a call from another day does not replace today's.
  if (Math.abs(Date.now() - ms) < 86_400_000)
    dayRanges.set(timeZone, {
      from: startOfLocalDay(date, timeZone).getTime(),
      to: startOfLocalDay(addDays(date, 1), timeZone).getTime(),
      day,
    });
  return day;
}

type EntryInput = Pick<
  CallRowState,
  | "id"
  | "version"
  | "direction"
  | "state"
  | "startedAt"
  | "answeredAt"
  | "talkSec"
  | "isEndReported"
  | "isClickToCall"
  | "managerId"
>;

/** One call's contribution, by the reports' own predicates (server/reports/metrics.ts). */
export function panelEntry(call: EntryInput, timeZone: string, now = Date.now()): PanelEntry {
  const outcome: CallOutcome = {
    direction: call.direction,
    state: call.state,
    answeredAt: call.answeredAt,
    isClickToCall: call.isClickToCall,
    parentCallId: null,
    endReported: call.isEndReported,
  };
  const isLive = call.state !== "ENDED" && now - call.startedAt.getTime() < STALE_CALL_MS;
  return {
    callId: call.id,
    version: call.version,
    managerId: call.managerId,
    day: localDay(call.startedAt, timeZone),
    activity: !isLive
      ? null
      : call.state === "TALKING" || call.state === "ON_HOLD"
        ? "talking"
        : call.state === "RINGING"
          ? "ringing"
          : null,
    answered: isAnswered(outcome) ? 1 : 0,
    missed: isMissed(outcome) ? 1 : 0,
    talkSec: hasTalk(outcome) ? (call.talkSec ?? 0) : 0,
  };
}

/** A manager's status from the panel's entries. */
export function statusOf(
  panel: Pick<Panel, "calls" | "byManager" | "today">,
  manager: Manager,
): ManagerStatus {
  let talking = false;
  let ringing = false;
  const today = { answered: 0, missed: 0, talkSec: 0 };
  for (const callId of panel.byManager.get(manager.id) ?? []) {
    const entry = panel.calls.get(callId);
    if (!entry || entry.managerId !== manager.id) continue;
    if (entry.activity === "talking") talking = true;
    if (entry.activity === "ringing") ringing = true;
    if (entry.day !== panel.today) continue;
    today.answered += entry.answered;
    today.missed += entry.missed;
    today.talkSec += entry.talkSec;
  }
  return { ...manager, activity: talking ? "talking" : ringing ? "ringing" : "idle", today };
}

function indexByManager(calls: Map<string, PanelEntry>): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const entry of calls.values()) {
    if (!entry.managerId) continue;
    const ids = index.get(entry.managerId);
    if (ids) ids.add(entry.callId);
    else index.set(entry.managerId, new Set([entry.callId]));
  }
  return index;
}

/** The fields of `next` that differ from what was sent (all of them the first time), with the id. */
export function statusPatch(sent: ManagerStatus | undefined, next: ManagerStatus) {
  if (!sent) return next;
  const patch: ManagerStatusPatch = { id: next.id };
  let isChanged = false;
  for (const key of ["name", "workplace", "presence", "activity", "today"] as const) {
    if (JSON.stringify(sent[key]) === JSON.stringify(next[key])) continue;
    Object.assign(patch, { [key]: next[key] });
    isChanged = true;
  }
  return isChanged ? patch : null;
}

async function load(
  tenantId: string,
): Promise<Omit<Panel, "sent" | "dirty" | "lastEmitAt" | "timer">> {
  const pool = getPool();
  const tenant = await pool.query<{ time_zone: string }>(
    `SELECT time_zone FROM tenants WHERE id = $1::uuid`,
    [tenantId],
  );
  const timeZone = tenant.rows[0]?.time_zone ?? "Europe/Moscow";
  const [managers, calls] = await Promise.all([
    pool.query<Manager>(
      `SELECT u.id, u.name, u.presence,
         (SELECT json_build_object('id', w.id, 'name', w.name) FROM workplaces w
           WHERE w.id = u.workplace_id) AS workplace
       FROM users u WHERE u.tenant_id = $1::uuid AND u.status = 'ACTIVE' AND u.role = 'MANAGER'
       ORDER BY u.name`,
      [tenantId],
    ),
    // Today (in any zone) began less than 27 hours ago; the local day is checked per call.
    pool.query<EntryInput>(
      `SELECT id, fold_version AS version, direction, state, started_at AS "startedAt",
         answered_at AS "answeredAt", talk_sec AS "talkSec", end_reported AS "isEndReported",
         is_click_to_call AS "isClickToCall",
         manager_id AS "managerId"
       FROM calls
       WHERE tenant_id = $1::uuid AND manager_id IS NOT NULL AND parent_call_id IS NULL
         AND started_at > now() - interval '27 hours'`,
      [tenantId],
    ),
  ]);
  const now = Date.now();
  const entries = new Map(calls.rows.map((c) => [c.id, panelEntry(c, timeZone, now)]));
  return {
    tenantId,
    timeZone,
    today: localDay(new Date(now), timeZone),
    managers: new Map(managers.rows.map((m) => [m.id, m])),
    calls: entries,
    byManager: indexByManager(entries),
    checkedAt: now,
  };
}

function panelFor(tenantId: string): Promise<Panel> {
  let pending = panels().get(tenantId);
  if (!pending) {
    listenToPeers();
    pending = load(tenantId).then((loaded) => ({
      ...loaded,
      sent: new Map(),
      dirty: new Set(loaded.managers.keys()),
      lastEmitAt: 0,
      timer: null,
    }));
    // A failed load is retried by the next change.
    pending.catch(() => panels().delete(tenantId));
    panels().set(tenantId, pending);
  }
  return pending;
}

function apply(panel: Panel, entry: PanelEntry): void {
  const known = panel.calls.get(entry.callId);
  if (known && known.version >= entry.version) return;
  panel.calls.set(entry.callId, entry);
  if (known?.managerId && known.managerId !== entry.managerId)
    panel.byManager.get(known.managerId)?.delete(entry.callId);
  if (entry.managerId) {
    const ids = panel.byManager.get(entry.managerId);
    if (ids) ids.add(entry.callId);
    else panel.byManager.set(entry.managerId, new Set([entry.callId]));
  }
  if (known?.managerId) panel.dirty.add(known.managerId);
  if (entry.managerId) panel.dirty.add(entry.managerId);
  schedule(panel);
}

function schedule(panel: Panel): void {
  if (panel.timer || panel.dirty.size === 0) return;
  const wait = Math.max(0, panel.lastEmitAt + PANEL_EMIT_EVERY_MS - Date.now());
  panel.timer = setTimeout(() => {
    panel.timer = null;
    void emit(panel).catch((error: unknown) =>
      log.warn("could not publish manager statuses", { tenantId: panel.tenantId, error }),
    );
  }, wait);
  panel.timer.unref();
}

async function emit(panel: Panel): Promise<void> {
  const now = Date.now();
  if (
    now - panel.checkedAt > CHECK_EVERY_MS ||
    localDay(new Date(now), panel.timeZone) !== panel.today
  )
    await check(panel);
  // From when the frame goes out, not from before the check's SQL: frames stay a second apart.
  panel.lastEmitAt = Date.now();
  const changed: ManagerStatusPatch[] = [];
  for (const id of panel.dirty) {
    const manager = panel.managers.get(id);
    if (!manager) continue;
    const status = statusOf(panel, manager);
    const patch = statusPatch(panel.sent.get(id), status);
    if (!patch) continue;
    panel.sent.set(id, status);
    changed.push(patch);
  }
  panel.dirty.clear();
  if (changed.length === 0) return;
  // Every instance keeps the whole panel: each tells its own browsers.
  getRealtime()?.io.local.to(tenantRoom(panel.tenantId)).emit("managers:updated", changed);
}

/** Reloads from SQL and marks every manager whose status differs from the incremental one. */
async function check(panel: Panel): Promise<void> {
  const fresh = await load(panel.tenantId);
  const before = new Map(
    [...panel.managers.values()].map((m) => [m.id, JSON.stringify(statusOf(panel, m))]),
  );
  const isNewDay = fresh.today !== panel.today;
  Object.assign(panel, fresh);
  let drifted = 0;
  for (const manager of panel.managers.values()) {
    if (before.get(manager.id) === JSON.stringify(statusOf(panel, manager))) continue;
    panel.dirty.add(manager.id);
    drifted++;
  }
  if (drifted > 0 && !isNewDay)
    log.info("managers panel: corrected from the database", { tenantId: panel.tenantId, drifted });
}

/**
 * After the fold wrote a call: its new entry, here and on every other instance. Nothing is
 * loaded for a tenant whose panel nobody has needed yet until its first change.
 */
export function notePanelChange(
  tenantId: string,
  previous: CallRowState | null,
  next: CallRowState,
): void {
  if (previous && previous.version >= next.version) return;
  void panelFor(tenantId)
    .then((panel) => {
      const entry = panelEntry(next, panel.timeZone);
      apply(panel, entry);
      return shareWithPeers(tenantId, entry);
    })
    .catch((error: unknown) => log.warn("managers panel: could not load", { tenantId, error }));
}

// Other instances get this instance's entries in one message per tenant per tick.
const outgoing = new Map<string, PanelEntry[]>();

function shareWithPeers(tenantId: string, entry: PanelEntry): void {
  const realtime = getRealtime();
  if (!realtime?.isClustered) return;
  const list = outgoing.get(tenantId);
  if (list) return void list.push(entry);
  outgoing.set(tenantId, [entry]);
  setImmediate(() => {
    const entries = outgoing.get(tenantId) ?? [];
    outgoing.delete(tenantId);
    realtime.io.serverSideEmit("panel:entries", tenantId, entries);
  });
}

const entrySchema = z.object({
  callId: z.string(),
  version: z.number().int(),
  managerId: z.string().nullable(),
  day: z.string(),
  activity: z.enum(["ringing", "talking"]).nullable(),
  answered: z.number(),
  missed: z.number(),
  talkSec: z.number(),
});
const entriesSchema = z.array(entrySchema);

/** Staff changed (presence, a workplace link, a new manager): reload and push at once. */
export async function refreshPanel(tenantId: string): Promise<void> {
  const panel = await panelFor(tenantId);
  await check(panel);
  panel.lastEmitAt = 0;
  if (panel.timer) clearTimeout(panel.timer);
  panel.timer = null;
  await emit(panel);
}

function listenToPeers(): void {
  const realtime = getRealtime();
  if (!realtime || holder.__pultPanelPeer) return;
  holder.__pultPanelPeer = true;
  realtime.io.on("panel:entries", (tenantId, raw) => {
    const pending = panels().get(tenantId);
    const entries = entriesSchema.safeParse(raw);
    if (!pending || !entries.success) return; // a panel loads from SQL when first needed
    void pending
      .then((panel) => entries.data.forEach((e) => apply(panel, e)))
      .catch(() => undefined);
  });
}

/** The panel as the fold has kept it (tests compare it with the SQL of getManagerStatuses). */
export async function panelStatuses(tenantId: string): Promise<ManagerStatus[]> {
  const panel = await panelFor(tenantId);
  return [...panel.managers.values()].map((m) => statusOf(panel, m));
}

/** Tests: forget every panel. */
export function resetPanels(): void {
  for (const pending of panels().values())
    void pending.then((p) => p.timer && clearTimeout(p.timer)).catch(() => undefined);
  panels().clear();
  holder.__pultPanelPeer = false;
}
