import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createTransport } from "@/server/pbx-simulator/delivery-transport";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A receiver that answers after `delayMs` (null = never) and records its peak concurrency. */
async function receiver(delayMs: number | null) {
  const seen = { requests: 0, concurrent: 0, peak: 0, bodies: [] as string[] };
  server = createServer((req, res) => {
    seen.requests++;
    seen.concurrent++;
    seen.peak = Math.max(seen.peak, seen.concurrent);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => seen.bodies.push(Buffer.concat(chunks).toString()));
    res.on("close", () => seen.concurrent--);
    if (delayMs !== null) setTimeout(() => res.writeHead(204).end(), delayMs);
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, seen };
}

describe("notification transport", () => {
  it("keeps at most maxInFlight deliveries on the wire and sends the rest in order", async () => {
    const { url, seen } = await receiver(30);
    const transport = createTransport({ timeoutMs: 2000, maxInFlight: 2 });
    const results = await Promise.all(
      ["a", "b", "c", "d", "e", "f"].map((body) => transport.post(url, {}, body)),
    );
    transport.close();
    expect(results).toEqual(Array.from({ length: 6 }, () => ({ status: 204, error: null })));
    expect(seen.peak).toBe(2);
    expect(seen.bodies).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("starts a delivery's timeout when it is sent, not while it waits for a slot", async () => {
    const { url, seen } = await receiver(null);
    const transport = createTransport({ timeoutMs: 150, maxInFlight: 1 });
    const started = performance.now();
    const sentAt: number[] = [];
    const results = await Promise.all(
      [0, 1, 2].map((i) =>
        transport.post(url, {}, String(i), () => sentAt.push(performance.now() - started)),
      ),
    );
    transport.close();
    // Each waited for the one before it to time out, then had its own full 150 ms.
    expect(results.every((r) => r.status === null && /timeout/.test(r.error ?? ""))).toBe(true);
    expect(seen.requests).toBe(3);
    expect(sentAt[1]).toBeGreaterThanOrEqual(140);
    expect(sentAt[2]).toBeGreaterThanOrEqual(280);
  });

  it("reports a non-2xx answer as a failed attempt and sends nothing once closed", async () => {
    server = createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const transport = createTransport({ timeoutMs: 1000 });
    expect(await transport.post(`http://127.0.0.1:${port}/`, {}, "{}")).toEqual({
      status: 503,
      error: "HTTP 503",
    });
    transport.close();
    const closed = createTransport({ timeoutMs: 1000 });
    closed.close();
    expect(await closed.post(`http://127.0.0.1:${port}/`, {}, "{}")).toMatchObject({
      status: null,
    });
  });
});
