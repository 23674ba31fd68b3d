// A tiny S3-compatible server for tests (path-style, SigV4-checked, Range on GET): real object
// storage is an outside service, so tests talk to this over loopback instead.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseRangeHeader } from "../recordings/http-range";
import { sha256Hex, signRequest, type SigV4Credentials } from "./sigv4";

export type FakeS3 = {
  endpoint: string;
  objects: Map<string, Buffer>;
  requests: string[];
  close(): Promise<void>;
};

function amzToDate(stamp: string): Date {
  return new Date(
    stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"),
  );
}

function isSignedCorrectly(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: Buffer,
  credentials: SigV4Credentials,
): boolean {
  const signedNames = /SignedHeaders=([^,]+)/.exec(headers.authorization ?? "")?.[1]?.split(";");
  if (!signedNames) return false;
  if (headers["x-amz-content-sha256"] !== sha256Hex(body)) return false;
  const signed = Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) =>
        signedNames.includes(name) &&
        !["authorization", "host", "x-amz-date", "x-amz-content-sha256"].includes(name),
    ),
  );
  const expected = signRequest({
    method,
    url,
    headers: signed,
    payloadHash: headers["x-amz-content-sha256"] ?? "",
    credentials,
    now: amzToDate(headers["x-amz-date"] ?? ""),
  });
  return expected.authorization === headers.authorization;
}

export async function startFakeS3(credentials: SigV4Credentials): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
      );
      const method = req.method ?? "GET";
      requests.push(`${method} ${url.pathname}`);
      if (!isSignedCorrectly(method, url, headers, body, credentials)) {
        res.writeHead(403).end("<Error><Code>SignatureDoesNotMatch</Code></Error>");
        return;
      }
      const key = decodeURIComponent(url.pathname);
      const stored = objects.get(key);
      if (method === "PUT") {
        objects.set(key, body);
        res.writeHead(200).end();
      } else if (method === "DELETE") {
        objects.delete(key);
        res.writeHead(204).end();
      } else if (!stored) {
        res.writeHead(404).end("<Error><Code>NoSuchKey</Code></Error>");
      } else if (method === "HEAD") {
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
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
