// Tables and JSON of the live-calls bench: Pult's run (the same rows with one or several
// instances, plus the cross-instance split), the floor server's run, and Pult as a ratio to it.
import os from "node:os";
import type { RunMetrics, Spread } from "./calls-analysis";
import type { Table } from "./common";

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
};

export type CallsMeta = {
  rate: number;
  durationSec: number;
  clients: number;
  supervisors: number;
  managers: number;
  workplaces: number;
};

const ms = (n: number) => `${n.toFixed(1)} ms`;
const three = (s: Spread) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const perInstance = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, n]) => `#${label}: ${n}`)
    .join(", ");

function pultRows(meta: CallsMeta, run: RunInfo): string[][] {
  const m = run.metrics;
  const d = m.detail;
  const split = d.ackBreakdownMs;
  const rows: string[][] = [
    [
      "calls/s offered × duration",
      `${meta.rate} × ${meta.durationSec} s (${d.callsGenerated} calls)`,
    ],
    [
      "Socket.IO clients",
      `${meta.clients} (${meta.supervisors} supervisors, ${meta.managers} managers)`,
    ],
    [
      "notifications/s sustained",
      `${m.notificationsPerSec} (offered ${m.offeredNotificationsPerSec})`,
    ],
    ["ack latency p50 / p95 / p99", three(m.ack)],
    ["event→ack, with the PBX's own queue, p50 / p95 / p99", three(m.eventToAck)],
    ["notification→browser p50 / p95 / p99", three(m.push)],
    ["screen pop p50 / p99", `${ms(m.screenPop.p50)} / ${ms(m.screenPop.p99)}`],
    [
      "lost (missing events + pushes)",
      `${m.lost} (${d.missingCallEvents} + ${d.lostSupervisorPushes})`,
    ],
    [
      "duplicated (events + pushes)",
      `${m.duplicated} (${d.duplicateCallEvents} + ${d.strayPushes})`,
    ],
    [
      "failed / retried / unsettled deliveries",
      `${d.failedDeliveries} / ${d.retriedDeliveries} / ${d.pendingAtEnd}`,
    ],
    [
      "calls not ENDED in the database",
      String((d.callsNotEndedInDb ?? 0) + (d.callsMissingInDb ?? 0)),
    ],
    [
      "ack split p50: →tx start / insert+upsert / rest",
      `${ms(split.sentToTransactionStart.p50)} / ${ms(split.insertAndUpsertCall.p50)} / ${ms(split.foldUpdateCommitPublishReply.p50)}`,
    ],
    ["load average (1 min) before / after", `${d.loadAverageBefore[0]} / ${d.loadAverageAfter[0]}`],
    ["server CPU per stored notification", cpuRow(run)],
  ];
  if (run.instances === 1) {
    rows.push([
      "server RSS before / peak / end",
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
const cpuRow = (run: RunInfo) =>
  run.cpuMsPerNotification === null ? "—" : `${run.cpuMsPerNotification} ms`;

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
    ["notification→browser p50 / p95 / p99", three(m.push)],
    [
      "lost (missing rows + pushes)",
      `${m.lost} (${d.missingCallEvents} + ${d.lostSupervisorPushes})`,
    ],
    ["duplicated (rows + pushes)", `${m.duplicated} (${d.duplicateCallEvents} + ${d.strayPushes})`],
    [
      "failed / retried / unsettled deliveries",
      `${d.failedDeliveries} / ${d.retriedDeliveries} / ${d.pendingAtEnd}`,
    ],
    ["load average (1 min) before / after", `${d.loadAverageBefore[0]} / ${d.loadAverageAfter[0]}`],
    ["server CPU per stored notification", cpuRow(run)],
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

/** Pult ÷ floor: throughput (higher is better, aim ≥ 0.5) and latencies (lower is better). */
export function ratioToFloor(pult: RunMetrics, floor: RunMetrics) {
  const div = (a: number, b: number) => (b > 0 ? round(a / b) : null);
  return {
    throughput: div(pult.notificationsPerSec, floor.notificationsPerSec),
    ackP50: div(pult.ack.p50, floor.ack.p50),
    ackP99: div(pult.ack.p99, floor.ack.p99),
    eventToAckP50: div(pult.eventToAck.p50, floor.eventToAck.p50),
    eventToAckP99: div(pult.eventToAck.p99, floor.eventToAck.p99),
    pushP50: div(pult.push.p50, floor.push.p50),
    pushP99: div(pult.push.p99, floor.push.p99),
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
  const ratio = floor ? ratioToFloor(pult.metrics, floor.metrics) : null;
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
          ["notification→browser p50 / p99", `${x(ratio.pushP50)} / ${x(ratio.pushP99)}`],
          [
            "server CPU per notification (floor ÷ Pult: the throughput ratio on a saturated core)",
            x(
              pult.cpuMsPerNotification && floor.cpuMsPerNotification
                ? floor.cpuMsPerNotification / pult.cpuMsPerNotification
                : null,
            ),
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
            detail: floor.metrics.detail,
          },
          ratioToFloor: ratio,
        }
      : {}),
  };
  return { tables, json };
}
