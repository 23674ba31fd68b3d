import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRangeHeader } from "../recordings/http-range";
import { createS3Store } from "./s3";
import { sha256Hex, signRequest } from "./sigv4";

// A tiny S3-compatible fake (path-style, SigV4-checked): real S3 is an outside service.
const credentials = { accessKeyId: "AKTEST", secretAccessKey: "secret-key", region: "ru-central1" };
const objects = new Map<string, Buffer>();
let server: Server;
let endpoint = "";
let requests: string[] = [];

function checkSignature(method: string, url: URL, headers: Record<string, string>, body: Buffer) {
  const signedNames = /SignedHeaders=([^,]+)/.exec(headers.authorization ?? "")?.[1]?.split(";");
  if (!signedNames) return false;
  if (headers["x-amz-content-sha256"] !== sha256Hex(body)) return false;
  const { host: _host, "x-amz-date": date, "x-amz-content-sha256": hash, ...rest } = headers;
  const signed = Object.fromEntries(
    Object.entries(rest).filter(([name]) => signedNames.includes(name) && name !== "authorization"),
  );
  const expected = signRequest({
    method,
    url,
    headers: signed,
    payloadHash: hash ?? "",
    credentials,
    now: new Date(
      (date ?? "").replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"),
    ),
  });
  return expected.authorization === headers.authorization;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
      );
      requests.push(`${req.method} ${url.pathname}`);
      if (!checkSignature(req.method ?? "GET", url, headers, body)) {
        res.writeHead(403).end("<Error><Code>SignatureDoesNotMatch</Code></Error>");
        return;
      }
      const key = decodeURIComponent(url.pathname);
      const stored = objects.get(key);
      if (req.method === "PUT") {
        objects.set(key, body);
        res.writeHead(200).end();
      } else if (req.method === "DELETE") {
        objects.delete(key);
        res.writeHead(204).end();
      } else if (!stored) {
        res.writeHead(404).end("<Error><Code>NoSuchKey</Code></Error>");
      } else if (req.method === "HEAD") {
        res.writeHead(200, { "content-length": stored.length }).end();
      } else {
        const range = parseRangeHeader(req.headers.range ?? null, stored.length);
        if (range.kind === "partial") {
          const { start, end } = range.range;
          res.writeHead(206, { "content-range": `bytes ${start}-${end}/${stored.length}` });
          res.end(stored.subarray(start, end + 1));
        } else res.writeHead(200).end(stored);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

async function text(stream: ReadableStream<Uint8Array> | null) {
  return stream ? Buffer.from(await new Response(stream).arrayBuffer()).toString() : null;
}

describe("S3 store", () => {
  it("puts, reads ranges, reports sizes and deletes with signed path-style requests", async () => {
    requests = [];
    const store = createS3Store({ endpoint, bucket: "pult-rec", ...credentials });
    await store.put("recordings/t/r (1)/0.wav", Buffer.from("0123456789"), "audio/wav");
    expect(objects.get("/pult-rec/recordings/t/r (1)/0.wav")?.toString()).toBe("0123456789");
    expect(await store.size("recordings/t/r (1)/0.wav")).toBe(10);
    expect(await text(await store.get("recordings/t/r (1)/0.wav", { start: 3, end: 5 }))).toBe(
      "345",
    );
    expect(await text(await store.get("recordings/t/r (1)/0.wav"))).toBe("0123456789");
    await store.delete("recordings/t/r (1)/0.wav");
    expect(await store.size("recordings/t/r (1)/0.wav")).toBeNull();
    expect(await store.get("recordings/t/r (1)/0.wav")).toBeNull();
    await expect(store.delete("recordings/t/r (1)/0.wav")).resolves.toBeUndefined();
    expect(requests[0]).toBe("PUT /pult-rec/recordings/t/r%20%281%29/0.wav");
  });

  it("fails loudly with the S3 error code when the keys are wrong", async () => {
    const store = createS3Store({
      endpoint,
      bucket: "pult-rec",
      ...credentials,
      secretAccessKey: "x",
    });
    await expect(store.put("a/b.wav", Buffer.from("x"), "audio/wav")).rejects.toThrow(
      /HTTP 403 SignatureDoesNotMatch/,
    );
  });
});
