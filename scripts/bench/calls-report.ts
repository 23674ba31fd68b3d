// Tables and JSON of the live-calls bench: Pult's run (the same rows with one or several
// instances, plus the cross-instance split), the floor server's run, and Pult as a ratio to it.
import os from "node:os";
import type { RunMetrics, Spread } from "@/scripts/bench/calls-analysis";
import type { Table } from "@/scripts/bench/common";

export type RunInfo = {
  metrics: RunMetrics;
  instances: number;
  /** Peak resident memory per instance (MiB), and of all instances together. */
  rssPeakMb: number[];
  rssTotalPeakMb: number;
  rssBeforeMb: number;
  rssEndMb: number;
  /** Server CPU time (all instances) from the traffic's start to the end of the drain, per stored notification. */
  cpuMsPerNotification: number | null;
  /** PostgreSQL's CPU time over the same span, per stored notification; null where not local. */
  pgCpuMsPerNotification: number | null;
  /** PostgreSQL transactions and rows written (inserted + updated + deleted) per stored notification, from pg_stat_database. */
  dbTransactionsPerNotification: number | null;
  dbRowsWrittenPerNotification: number | null;
  /** The same by table, largest first (pg_stat_user_tables). */
  dbRowsWrittenByTable: Record<string, number>;
  /** Bytes of Socket.IO messages all clients received during the run, per stored notification. */
  pushedBytesPerNotification: number | null;
  /** The same by Socket.IO event, largest first. */
  pushedBytesByEvent: Record<string, number>;
};

export type CallsMeta = {
  rate: number;
  durationSec: number;
  clients: number;
  supervisors: number;
  managers: number;
  workplaces: number;
  /** How the clients' users signed in: "sso" or "password". */
  signIn: string;
};

const ms = (n: number) => `${n.toFixed(1)} ms`;
// Nothing measured (a figure the server under test does not provide): n/a, not 0.
const three = (s: Spread) => (s.n === 0 ? "n/a" : `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`);
const pushValue = (m: RunMetrics) =>
  `${three(m.push)}${m.pushMatchedBy === "call" ? " (matched by call: server sends no eventIds)" : ""}`;

/** Server + PostgreSQL CPU per stored notification; null unless both are known. */
export function totalCpuMs(run: Pick<RunInfo, "cpuMsPerNotification" | "pgCpuMsPerNotification">) {
  if (run.cpuMsPerNotification === null || run.pgCpuMsPerNotification === null) return null;
  return round(run.cpuMsPerNotification + run.pgCpuMsPerNotification);
}
const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const perInstance = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, n]) => `#${label}: ${n}`)
    .join(", ");

function pultRows(meta: CallsMeta, run: RunInfo): string[][] {
  const m = run.metrics;
  const d = m.detail;
  const rows: string[][] = [
    [
      "calls/s offered × duration",
      `${meta.rate} × ${meta.durationSec} s (${d.callsGenerated} calls)`,
    ],
    [
      "Socket.IO clients",
      `${meta.clients} (${meta.supervisors} supervisors, ${meta.managers} managers; signed in by ${meta.signIn === "sso" ? "SSO" : "password"})`,
    ],
    [
      "notifications/s sustained",
      `${m.notificationsPerSec} (offered ${m.offeredNotificationsPerSec})`,
    ],
    ["ack latency p50 / p95 / p99", three(m.ack)],
    ["event→ack, with the PBX's own queue, p50 / p95 / p99", three(m.eventToAck)],
    ["notification→browser p50 / p95 / p99", pushValue(m)],
    [
      "screen pop p50 / p99",
      m.screenPop.n === 0 ? "n/a" : `${ms(m.screenPop.p50)} / ${ms(m.screenPop.p99)}`,
    ],
    [
      "lost (missing events + pushes)",
      `${m.lost} (${d.missingCallEvents} + ${d.lostSupervisorPushes})`,
    ],
    [
      "duplicated (events + stray + repeated pushes)",
      `${m.duplicated} (${d.duplicateCallEvents} + ${d.strayPushes} + ${d.repeatedPushes})`,
    ],
    [
      "failed / retried / unsettled deliveries",
      `${d.failedDeliveries} / ${d.retriedDeliveries} / ${d.pendingAtEnd}`,
    ],
    [
      "calls not ENDED in the database",
      String((d.callsNotEndedInDb ?? 0) + (d.callsMissingInDb ?? 0)),
    ],
    ...breakdownRows(d.ackBreakdownMs),
    ["load average (1 min) before / after", `${d.loadAverageBefore[0]} / ${d.loadAverageAfter[0]}`],
    ["CPU per stored notification: server / PostgreSQL / total", cpuRow(run)],
    ...workRows(run),
  ];
  if (run.instances === 1) {
    rows.push([
      `server RSS before (${meta.clients} sockets signed in) / peak / end`,
      `${run.rssBeforeMb} / ${run.rssTotalPeakMb} / ${run.rssEndMb} MB`,
    ]);
    return rows;
  }
  rows.push(
    [
      "server RSS, all instances: before / peak / end",
      `${run.rssBeforeMb} / ${run.rssTotalPeakMb} / ${run.rssEndMb} MB (peak ${run.rssPeakMb.map((mb, i) => `#${i + 1}: ${mb}`).join(", ")})`,
    ],
    ["instances (behind scripts/lb.ts)", String(run.instances)],
    ["notifications stored per instance", perInstance(d.storedByInstance)],
    ["Socket.IO clients per instance", perInstance(d.clientsByInstance)],
    [
      "push, browser on the storing instance p50 / p95 / p99",
      `${three(m.pushSameInstance)} (${m.pushSameInstance.n})`,
    ],
    [
      "push, cross-instance (stored on A → browser on B) p50 / p95 / p99",
      `${three(m.pushCrossInstance)} (${m.pushCrossInstance.n})`,
    ],
  );
  return rows;
}

// CPU time, not wall time: comparable between runs even when the machine is busy with other work.
const cpuRow = (run: RunInfo) => {
  const show = (n: number | null) => (n === null ? "n/a" : `${n.toFixed(2)}`);
  return `${show(run.cpuMsPerNotification)} / ${show(run.pgCpuMsPerNotification)} / ${show(totalCpuMs(run))} ms`;
};

// Where the CPU goes: the database's transactions and row writes (every index entry and WAL
// record follows them), and the bytes every socket write carries.
const workRows = (run: RunInfo): string[][] => {
  const show = (n: number | null) => (n === null ? "n/a" : String(n));
  return [
    [
      "PostgreSQL per stored notification: transactions / rows written",
      `${show(run.dbTransactionsPerNotification)} / ${show(run.dbRowsWrittenPerNotification)}${breakdown(run.dbRowsWrittenByTable)}`,
    ],
    [
      "bytes pushed to all browsers per stored notification",
      run.pushedBytesPerNotification === null
        ? "n/a"
        : `${run.pushedBytesPerNotification} B${breakdown(run.pushedBytesByEvent)}`,
    ],
  ];
};

const breakdown = (bytes: Record<string, number>) => {
  const parts = Object.entries(bytes).map(([name, n]) => `${name} ${n}`);
  return parts.length > 1 ? ` (${parts.join(", ")})` : "";
};

// First attempts only; from the database's own timestamps (see ackBreakdown).
function breakdownRows(split: RunMetrics["detail"]["ackBreakdownMs"]): string[][] {
  return [
    ["ack: sent → row written (queue) p50 / p95 / p99", three(split.queue)],
    ["ack: row written → 2xx (insert, commit, reply) p50 / p95 / p99", three(split.insert)],
    ["fold: row written → call row written p50 / p95 / p99", three(split.fold)],
  ];
}

function floorRows(run: RunInfo): string[][] {
  const m = run.metrics;
  const d = m.detail;
  const rows: string[][] = [
    [
      "notifications/s sustained",
      `${m.notificationsPerSec} (offered ${m.offeredNotificationsPerSec})`,
    ],
    ["ack latency p50 / p95 / p99", three(m.ack)],
    ["event→ack, with the PBX's own queue, p50 / p95 / p99", three(m.eventToAck)],
    ["notification→browser p50 / p95 / p99", pushValue(m)],
    [
      "lost (missing rows + pushes)",
      `${m.lost} (${d.missingCallEvents} + ${d.lostSupervisorPushes})`,
    ],
    [
      "duplicated (rows + stray + repeated pushes)",
      `${m.duplicated} (${d.duplicateCallEvents} + ${d.strayPushes} + ${d.repeatedPushes})`,
    ],
    [
      "failed / retried / unsettled deliveries",
      `${d.failedDeliveries} / ${d.retriedDeliveries} / ${d.pendingAtEnd}`,
    ],
    ["ack: sent → row written p50 / p95 / p99", three(d.ackBreakdownMs.queue)],
    ["load average (1 min) before / after", `${d.loadAverageBefore[0]} / ${d.loadAverageAfter[0]}`],
    ["CPU per stored notification: server / PostgreSQL / total", cpuRow(run)],
    ...workRows(run),
    [
      run.instances > 1 ? "server RSS peak, all instances" : "server RSS peak",
      `${run.rssTotalPeakMb} MB`,
    ],
  ];
  if (run.instances > 1)
    rows.push(
      ["notifications stored per instance", perInstance(d.storedByInstance)],
      [
        "push, browser on the storing instance p50 / p95 / p99",
        `${three(m.pushSameInstance)} (${m.pushSameInstance.n})`,
      ],
      [
        "push, cross-instance p50 / p95 / p99",
        `${three(m.pushCrossInstance)} (${m.pushCrossInstance.n})`,
      ],
    );
  return rows;
}

/**
 * Pult ÷ floor: throughput (higher is better, aim ≥ 0.5), latencies (lower is better) and the CPU
 * per notification of server and PostgreSQL together (the issue's target: ≤ 1.5).
 */
export function ratioToFloor(pultRun: RunInfo, floorRun: RunInfo) {
  const pult = pultRun.metrics;
  const floor = floorRun.metrics;
  const div = (a: number | null, b: number | null) =>
    a !== null && b !== null && b > 0 ? round(a / b) : null;
  return {
    throughput: div(pult.notificationsPerSec, floor.notificationsPerSec),
    ackP50: div(pult.ack.p50, floor.ack.p50),
    ackP99: div(pult.ack.p99, floor.ack.p99),
    eventToAckP50: div(pult.eventToAck.p50, floor.eventToAck.p50),
    eventToAckP99: div(pult.eventToAck.p99, floor.eventToAck.p99),
    pushP50: div(pult.push.p50, floor.push.p50),
    pushP99: div(pult.push.p99, floor.push.p99),
    cpuTotal: div(totalCpuMs(pultRun), totalCpuMs(floorRun)),
    // Both acknowledged all they were offered: the ratio shows no gap, not the headroom.
    bothKeptUp:
      pult.notificationsPerSec >= 0.95 * pult.offeredNotificationsPerSec &&
      floor.notificationsPerSec >= 0.95 * floor.offeredNotificationsPerSec,
  };
}

export function buildCallsReport(meta: CallsMeta, pult: RunInfo, floor: RunInfo | null) {
  const x = (n: number | null) => (n === null ? "n/a" : `${n.toFixed(2)}×`);
  const topology = pult.instances > 1 ? `${pult.instances} instances` : "1 instance";
  const tables: Table[] = [
    {
      title: `Live calls, Pult (${topology}): ${pult.metrics.detail.notificationsSent} notifications, ${pult.metrics.detail.supervisorPushesMeasured} supervisor pushes measured, ${os.cpus().length} cores, Node ${process.version}`,
      header: ["metric", "value"],
      rows: pultRows(meta, pult),
    },
  ];
  const ratio = floor ? ratioToFloor(pult, floor) : null;
  if (floor && ratio) {
    tables.push(
      {
        title: `Floor: node:http + pg + Socket.IO (${topology}), same traffic and clients: ${floor.metrics.detail.notificationsSent} notifications`,
        header: ["metric", "value"],
        rows: floorRows(floor),
      },
      {
        title: "Pult ÷ floor (throughput: higher is better, aim ≥ 0.50×; latency: lower is better)",
        header: ["metric", "ratio"],
        rows: [
          [
            "notifications/s sustained",
            `${x(ratio.throughput)}${ratio.bothKeptUp ? " (both kept up with the offered rate: raise --rate to find the limit)" : ""}`,
          ],
          ["ack latency p50 / p99", `${x(ratio.ackP50)} / ${x(ratio.ackP99)}`],
          ["event→ack p50 / p99", `${x(ratio.eventToAckP50)} / ${x(ratio.eventToAckP99)}`],
          [
            "notification→browser p50 / p99",
            `${x(ratio.pushP50)} / ${x(ratio.pushP99)}${pult.metrics.pushMatchedBy === "call" ? " (Pult's matched by call)" : ""}`,
          ],
          [
            "server CPU per notification (floor ÷ Pult: the throughput ratio on a saturated core)",
            x(
              pult.cpuMsPerNotification && floor.cpuMsPerNotification
                ? floor.cpuMsPerNotification / pult.cpuMsPerNotification
                : null,
            ),
          ],
          [
            "CPU per notification, server + PostgreSQL (Pult ÷ floor; target ≤ 1.50×)",
            x(ratio.cpuTotal),
          ],
        ],
      },
    );
  }
  const m = pult.metrics;
  const json = {
    notificationsPerSec: m.notificationsPerSec,
    offeredNotificationsPerSec: m.offeredNotificationsPerSec,
    ackP50Ms: m.ack.p50,
    ackP95Ms: m.ack.p95,
    ackP99Ms: m.ack.p99,
    eventToAckP50Ms: m.eventToAck.p50,
    eventToAckP99Ms: m.eventToAck.p99,
    pushP50Ms: m.push.p50,
    pushP95Ms: m.push.p95,
    pushP99Ms: m.push.p99,
    screenPopP50Ms: m.screenPop.p50,
    screenPopP99Ms: m.screenPop.p99,
    lost: m.lost,
    duplicated: m.duplicated,
    rssMb: pult.rssTotalPeakMb,
    rssEndMb: pult.rssEndMb,
    cpuMsPerNotification: pult.cpuMsPerNotification,
    pgCpuMsPerNotification: pult.pgCpuMsPerNotification,
    floorNotificationsPerSec: floor?.metrics.notificationsPerSec ?? null,
    floorCpuMsPerNotification: floor?.cpuMsPerNotification ?? null,
    floorPgCpuMsPerNotification: floor?.pgCpuMsPerNotification ?? null,
    dbTransactionsPerNotification: pult.dbTransactionsPerNotification,
    dbRowsWrittenPerNotification: pult.dbRowsWrittenPerNotification,
    dbRowsWrittenByTable: pult.dbRowsWrittenByTable,
    pushedBytesPerNotification: pult.pushedBytesPerNotification,
    pushedBytesByEvent: pult.pushedBytesByEvent,
    floorDbTransactionsPerNotification: floor?.dbTransactionsPerNotification ?? null,
    floorDbRowsWrittenPerNotification: floor?.dbRowsWrittenPerNotification ?? null,
    floorPushedBytesPerNotification: floor?.pushedBytesPerNotification ?? null,
    pushMatchedBy: m.pushMatchedBy,
    rssBeforeMb: pult.rssBeforeMb,
    instances: pult.instances,
    ...(pult.instances > 1
      ? {
          crossInstance: {
            pushSameInstance: m.pushSameInstance,
            pushCrossInstance: m.pushCrossInstance,
            rssPeakMbPerInstance: pult.rssPeakMb,
          },
        }
      : {}),
    detail: {
      callsPerSec: meta.rate,
      durationSec: meta.durationSec,
      clients: meta.clients,
      supervisors: meta.supervisors,
      managers: meta.managers,
      workplaces: meta.workplaces,
      signIn: meta.signIn,
      ...m.detail,
      cores: os.cpus().length,
      node: process.version,
    },
    ...(floor && ratio
      ? {
          floor: {
            notificationsPerSec: floor.metrics.notificationsPerSec,
            offeredNotificationsPerSec: floor.metrics.offeredNotificationsPerSec,
            ack: floor.metrics.ack,
            eventToAck: floor.metrics.eventToAck,
            push: floor.metrics.push,
            pushSameInstance: floor.metrics.pushSameInstance,
            pushCrossInstance: floor.metrics.pushCrossInstance,
            lost: floor.metrics.lost,
            duplicated: floor.metrics.duplicated,
            rssMb: floor.rssTotalPeakMb,
            cpuMsPerNotification: floor.cpuMsPerNotification,
            pgCpuMsPerNotification: floor.pgCpuMsPerNotification,
            pushMatchedBy: floor.metrics.pushMatchedBy,
            detail: floor.metrics.detail,
          },
          ratioToFloor: ratio,
        }
      : {}),
  };
  return { tables, json };
}
