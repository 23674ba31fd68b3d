// npm run bench:ingest [-- --calls 300 --concurrency 20 --unsigned]
// The notification endpoint's domain code in-process, without HTTP, Next or Socket.IO: signed
// callStarted + callEnded (missed) for each call through receiveNotification() against a fresh
// PostgreSQL database, N at a time. Prints throughput, latency and the process CPU per
// notification — the figure the ingest's plain-SQL hot path is judged by. A measurement, not a test.
import { createHmac, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { getDb } from "@/server/db";
import { ensureIntegration, saveCredentials } from "@/server/integrations/integration";
import { receiveNotification } from "@/server/integrations/notifications";
import { setUpTenant } from "@/server/testing/tenant-fixture";
import { actorOf } from "@/server/testing/actors";

const SECRET = "bench-ingest-secret";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

async function main() {
  const { values } = parseArgs({
    options: {
      calls: { type: "string", default: "300" },
      concurrency: { type: "string", default: "20" },
      unsigned: { type: "boolean", default: false },
    },
  });
  const calls = Number(values.calls);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(calls) || calls < 1 || !Number.isInteger(concurrency) || concurrency < 1)
    throw new Error("--calls and --concurrency take whole positive numbers");
  const signed = !values.unsigned;

  const fixture = await setUpTenant();
  try {
    const key = (await ensureIntegration(fixture.tenantId)).notificationKey;
    await saveCredentials(actorOf(fixture.tenantId, fixture.adminId), {
      clientId: "pult",
      clientSecret: SECRET,
      signNotifications: signed,
    });
    const event = (type: string, data: Record<string, unknown>) =>
      JSON.stringify({ id: randomUUID(), type, occurredAt: new Date().toISOString(), data });
    const queue: string[] = [];
    for (let i = 0; i < calls; i++) {
      const callId = `bench-${i}`;
      const from = `+7900${String(1_000_000 + i).slice(-7)}`;
      queue.push(
        event("callStarted", { callId, direction: "incoming", from, to: "+74951234567" }),
        event("callEnded", { callId, result: "missed" }),
      );
    }
    const total = queue.length;
    const latencies: number[] = [];
    let failed = 0;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const worker = async () => {
      for (let body = queue.shift(); body !== undefined; body = queue.shift()) {
        const t0 = performance.now();
        const result = await receiveNotification({
          notificationKey: key,
          rawBody: body,
          signature: signed
            ? `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`
            : null,
          contentType: "application/json",
        });
        latencies.push(performance.now() - t0);
        if (result.status !== 200) failed++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const stored = await getDb().callEvent.count({ where: { tenantId: fixture.tenantId } });
    latencies.sort((a, b) => a - b);
    const rows: Array<[string, string]> = [
      ["notifications (calls × 2)", `${total} (${signed ? "signed" : "unsigned"})`],
      ["concurrency", String(concurrency)],
      ["notifications/s", (total / (wallMs / 1000)).toFixed(1)],
      ["CPU per notification", `${((cpu.user + cpu.system) / 1000 / total).toFixed(2)} ms`],
      [
        "latency p50 / p95 / p99",
        [0.5, 0.95, 0.99].map((p) => `${percentile(latencies, p).toFixed(1)} ms`).join(" / "),
      ],
      ["not 200 / stored", `${failed} / ${stored}`],
    ];
    console.log("\n| metric | value |\n|---|---|");
    for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
  } finally {
    await fixture.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
