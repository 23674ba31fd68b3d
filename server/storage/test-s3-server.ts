// A real S3-compatible server for tests (s3rver: an independent S3 implementation, files in a
// temporary folder), since object storage is an outside service. It checks the access key, not
// the SigV4 signature itself.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

/** The only key pair s3rver knows. */
export const TEST_S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export type TestS3Server = {
  endpoint: string;
  /** "METHOD /path" of every request, in order. */
  requests: string[];
  /** The stored bytes of an object, read from s3rver's folder; null when it has none. */
  stored(bucket: string, key: string): Promise<Buffer | null>;
  close(): Promise<void>;
};

export async function startTestS3Server(buckets: string[]): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), "pult-s3-"));
  const s3rver = new S3rver({
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  await s3rver.configureBuckets();
  // Served from our own HTTP server (on a free port) to log the requests.
  const handle = s3rver.callback();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method ?? "?"} ${req.url ?? ""}`);
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    async stored(bucket, key) {
      const parts = key.split("/");
      const name = `${parts.pop() ?? ""}._S3rver_object`;
      return readFile(path.join(directory, bucket, ...parts, name)).catch(() => null);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(directory, { recursive: true, force: true });
    },
  };
}
