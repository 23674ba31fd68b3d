import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { notificationKeyOf } from "@/server/http/notification-route";
import { readLimitedNodeBody, type LimitedBody } from "@/server/http/read-limited-body";

describe("notificationKeyOf", () => {
  it("takes the key of POST /api/mtt/<key> only", () => {
    expect(notificationKeyOf("POST", "/api/mtt/abc_DEF-1")).toBe("abc_DEF-1");
    expect(notificationKeyOf("POST", "/api/mtt/abc/")).toBe("abc");
    expect(notificationKeyOf("POST", "/api/mtt/abc?x=1")).toBe("abc");
    expect(notificationKeyOf("POST", "/api/mtt/a%20b")).toBe("a b");
    expect(notificationKeyOf("POST", "/api/mtt/%E0%A4%A")).toBe("%E0%A4%A");
    expect(notificationKeyOf("GET", "/api/mtt/abc")).toBeNull();
    expect(notificationKeyOf("POST", "/api/mtt/")).toBeNull();
    expect(notificationKeyOf("POST", "/api/mtt/abc/more")).toBeNull();
    expect(notificationKeyOf("POST", "/api/mttx/abc")).toBeNull();
    expect(notificationKeyOf("POST", undefined)).toBeNull();
  });
});

describe("readLimitedNodeBody", () => {
  let server: Server | undefined;
  afterEach(
    () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  );

  /** Sends `chunks` (chunked unless a length is declared) and returns what the reader saw. */
  async function read(chunks: string[], limit: number, declaredLength?: number) {
    let seen: LimitedBody | undefined;
    server = createServer((req, res) => {
      const answer = async () => {
        const body = await readLimitedNodeBody(req, limit);
        seen = body;
        res.writeHead(body.ok ? 200 : 413, { Connection: "close" }).end();
        if (!body.ok) res.once("finish", () => req.socket.destroy());
      };
      void answer();
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          port,
          method: "POST",
          path: "/",
          headers: declaredLength === undefined ? {} : { "content-length": declaredLength },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      for (const chunk of chunks) req.write(chunk);
      if (declaredLength === undefined || declaredLength <= limit) req.end();
    });
    return { status, seen };
  }

  it("returns the whole body under the limit", async () => {
    const { status, seen } = await read(['{"a":', "1}"], 100);
    expect(status).toBe(200);
    expect(seen?.ok && Buffer.from(seen.bytes).toString()).toBe('{"a":1}');
  });

  it("refuses a declared length over the limit without reading", async () => {
    const { status, seen } = await read(["x"], 10, 1_000_000);
    expect(status).toBe(413);
    expect(seen).toEqual({ ok: false, reason: "too_large" });
  });

  it("stops a chunked body as soon as it passes the limit", async () => {
    const { status, seen } = await read(["x".repeat(8), "y".repeat(8)], 10);
    expect(status).toBe(413);
    expect(seen).toEqual({ ok: false, reason: "too_large" });
  });
});
