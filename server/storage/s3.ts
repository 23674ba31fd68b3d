import { encodeS3Path, EMPTY_SHA256, sha256Hex, signRequest } from "./sigv4";
import type { ObjectStore } from "./object-store";

export type S3Settings = {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
};

const TIMEOUT_MS = 30_000;

/** Path-style requests (endpoint/bucket/key): what every S3-compatible store understands. */
export function createS3Store(settings: S3Settings, fetchImpl: typeof fetch = fetch): ObjectStore {
  const credentials = {
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    region: settings.region,
  };

  async function send(
    method: string,
    key: string,
    options: { body?: Buffer; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const url = new URL(`${settings.endpoint}/${encodeS3Path(`${settings.bucket}/${key}`)}`);
    const payloadHash = options.body ? sha256Hex(options.body) : EMPTY_SHA256;
    const headers = signRequest({
      method,
      url,
      headers: options.headers ?? {},
      payloadHash,
      credentials,
    });
    delete headers.host; // fetch sets it from the URL
    return fetchImpl(url, {
      method,
      headers,
      body: options.body ? new Uint8Array(options.body) : undefined,
      signal: method === "GET" ? undefined : AbortSignal.timeout(TIMEOUT_MS),
    });
  }

  async function fail(response: Response, what: string): Promise<never> {
    const text = await response.text().catch(() => "");
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    throw new Error(`S3 ${what} failed: HTTP ${response.status}${code ? ` ${code}` : ""}`);
  }

  return {
    kind: "s3",
    async put(key, data, contentType) {
      const response = await send("PUT", key, {
        body: data,
        headers: { "content-type": contentType, "content-length": String(data.length) },
      });
      if (!response.ok) await fail(response, `PUT ${key}`);
      await response.body?.cancel();
    },
    async get(key, range) {
      const headers: Record<string, string> = range
        ? { range: `bytes=${range.start}-${range.end}` }
        : {};
      const response = await send("GET", key, { headers });
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok || !response.body) return fail(response, `GET ${key}`);
      return response.body;
    },
    async size(key) {
      const response = await send("HEAD", key);
      if (response.status === 404) return null;
      if (!response.ok) return fail(response, `HEAD ${key}`);
      return Number(response.headers.get("content-length") ?? 0);
    },
    async delete(key) {
      const response = await send("DELETE", key);
      if (!response.ok && response.status !== 404) await fail(response, `DELETE ${key}`);
      await response.body?.cancel();
    },
  };
}
