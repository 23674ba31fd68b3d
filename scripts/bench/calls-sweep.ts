// `--sweep 20,50,100,150`: the calls suite at each rate (a fresh database, server, simulator and
// clients per rate, Pult then the floor), one table, and the knee of each: the highest rate held.
import type { RunMetrics } from "@/scripts/bench/calls-analysis";
import { runCallsOnce, type CallsOptions } from "@/scripts/bench/calls";
import { buildCallsReport, type RunInfo } from "@/scripts/bench/calls-report";
import type { BenchContext, SuiteReport, Table } from "@/scripts/bench/common";

/** The bar for "held": ack p99 under 50 ms while acknowledging ≥ 97 % of what was offered. */
export const KNEE_ACK_P99_MS = 50;
export const KNEE_SUSTAINED_SHARE = 0.97;

export function isHeld(
  m: Pick<RunMetrics, "ack" | "notificationsPerSec" | "offeredNotificationsPerSec">,
): boolean {
  return (
    m.ack.n > 0 &&
    m.ack.p99 < KNEE_ACK_P99_MS &&
    m.offeredNotificationsPerSec > 0 &&
    m.notificationsPerSec >= KNEE_SUSTAINED_SHARE * m.offeredNotificationsPerSec
  );
}

/** The highest rate held; null when none was. */
export function findKnee(points: ReadonlyArray<{ rate: number; held: boolean }>): number | null {
  let knee: number | null = null;
  for (const p of points) if (p.held && (knee === null || p.rate > knee)) knee = p.rate;
  return knee;
}

/** What the table reads of a run. */
type SweepRun = Pick<RunInfo, "cpuMsPerNotification" | "pgCpuMsPerNotification"> & {
  metrics: Pick<
    RunMetrics,
    | "ack"
    | "eventToAck"
    | "push"
    | "pushMatchedBy"
    | "notificationsPerSec"
    | "offeredNotificationsPerSec"
  >;
};
type Point = {
  rate: number;
  pult: SweepRun;
  floor: SweepRun | null;
  json: Record<string, unknown>;
};

const ms = (n: number) => n.toFixed(1);
const cpu = (run: SweepRun) =>
  [run.cpuMsPerNotification, run.pgCpuMsPerNotification]
    .map((n) => (n === null ? "n/a" : n.toFixed(2)))
    .join(" / ");

function row(rate: number, server: string, run: SweepRun): string[] {
  const m = run.metrics;
  const measured = (n: number, value: number) => (n === 0 ? "n/a" : ms(value));
  return [
    String(rate),
    server,
    String(m.offeredNotificationsPerSec),
    String(m.notificationsPerSec),
    m.ack.n === 0 ? "n/a" : `${ms(m.ack.p50)} / ${ms(m.ack.p99)}`,
    measured(m.eventToAck.n, m.eventToAck.p99),
    `${measured(m.push.n, m.push.p99)}${m.pushMatchedBy === "call" ? " (by call)" : ""}`,
    cpu(run),
    isHeld(m) ? "yes" : "no",
  ];
}

export function buildSweepReport(points: readonly Point[], meta: { clients: number }): SuiteReport {
  const knee = {
    pult: findKnee(points.map((p) => ({ rate: p.rate, held: isHeld(p.pult.metrics) }))),
    floor: points.some((p) => p.floor)
      ? findKnee(
          points.flatMap((p) => (p.floor ? [{ rate: p.rate, held: isHeld(p.floor.metrics) }] : [])),
        )
      : null,
  };
  const kneeText = (rate: number | null) => (rate === null ? "none held" : `${rate} calls/s`);
  const blank = ["", "", "", "", "", ""];
  const rows = points.flatMap((p) => [
    row(p.rate, "Pult", p.pult),
    ...(p.floor ? [row(p.rate, "floor", p.floor)] : []),
  ]);
  rows.push(["knee", "Pult", ...blank, kneeText(knee.pult)]);
  if (points.some((p) => p.floor)) rows.push(["knee", "floor", ...blank, kneeText(knee.floor)]);
  const table: Table = {
    title: `Sweep: ${meta.clients} Socket.IO clients; notifications/s; latencies in ms; knee = the highest rate held (ack p99 < ${KNEE_ACK_P99_MS} ms, sustained ≥ ${KNEE_SUSTAINED_SHARE} × offered)`,
    header: [
      "calls/s",
      "server",
      "offered",
      "sustained",
      "ack p50 / p99",
      "event→ack p99",
      "push p99",
      "CPU ms/notification: server / PostgreSQL",
      "held",
    ],
    rows,
  };
  return {
    tables: [table],
    json: { sweep: points.map((p) => ({ rate: p.rate, ...p.json })), knee },
  };
}

export async function runCallsSweep(
  opts: Omit<CallsOptions, "rate">,
  rates: readonly number[],
  ctx: BenchContext,
): Promise<SuiteReport> {
  const points: Point[] = [];
  for (const [i, rate] of rates.entries()) {
    ctx.phase(`sweep: ${rate} calls/s (${i + 1} of ${rates.length})`);
    const { meta, pult, floor } = await runCallsOnce({ ...opts, rate }, ctx);
    points.push({ rate, pult, floor, json: buildCallsReport(meta, pult, floor).json });
  }
  return buildSweepReport(points, { clients: opts.clients });
}
