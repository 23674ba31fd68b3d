import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createS3Store } from "@/server/storage/s3";
import {
  startTestS3Server,
  TEST_S3_CREDENTIALS,
  type TestS3Server,
} from "@/server/storage/test-s3-server";

let s3: TestS3Server;

beforeAll(async () => {
  s3 = await startTestS3Server(["pult-rec"]);
});

afterAll(() => s3.close());

async function text(stream: ReadableStream<Uint8Array> | null) {
  return stream ? Buffer.from(await new Response(stream).arrayBuffer()).toString() : null;
}

function store(overrides: Partial<Parameters<typeof createS3Store>[0]> = {}) {
  return createS3Store({
    endpoint: s3.endpoint,
    bucket: "pult-rec",
    region: "ru-central1",
    ...TEST_S3_CREDENTIALS,
    ...overrides,
  });
}

describe("S3 store", () => {
  it("puts, reads ranges, reports sizes and deletes with path-style requests", async () => {
    const objects = store();
    const key = "recordings/t/r (1)/0.wav";
    await objects.put(key, Buffer.from("0123456789"), "audio/wav");
    expect((await s3.stored("pult-rec", key))?.toString()).toBe("0123456789");
    expect(await objects.size(key)).toBe(10);
    expect(await text(await objects.get(key, { start: 3, end: 5 }))).toBe("345");
    expect(await text(await objects.get(key, { start: 9, end: 9 }))).toBe("9");
    expect(await text(await objects.get(key))).toBe("0123456789");
    await objects.delete(key);
    expect(await s3.stored("pult-rec", key)).toBeNull();
    expect(await objects.size(key)).toBeNull();
    expect(await objects.get(key)).toBeNull();
    await expect(objects.delete(key)).resolves.toBeUndefined();
    // Path-style, with the key encoded as S3 canonicalises it.
    expect(s3.requests[0]?.split("?")[0]).toBe("PUT /pult-rec/recordings/t/r%20%281%29/0.wav");
  });

  it("stores binary data byte for byte", async () => {
    const objects = store();
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    await objects.put("bin/one.wav", bytes, "audio/wav");
    const back = Buffer.from(await new Response(await objects.get("bin/one.wav")).arrayBuffer());
    expect(back.equals(bytes)).toBe(true);
    const middle = await objects.get("bin/one.wav", { start: 65_000, end: 65_535 });
    const part = Buffer.from(await new Response(middle).arrayBuffer());
    expect(part.equals(bytes.subarray(65_000, 65_536))).toBe(true);
  });

  it("fails loudly with the S3 error code, and never names the secret", async () => {
    const wrongKey = store({ accessKeyId: "AKWRONG", secretAccessKey: "do-not-log-me" });
    const failure = wrongKey.put("a/b.wav", Buffer.from("x"), "audio/wav");
    await expect(failure).rejects.toThrow(/^S3 PUT a\/b\.wav failed: HTTP 403 InvalidAccessKeyId$/);
    await expect(failure.catch((e: unknown) => String(e))).resolves.not.toContain("do-not-log-me");
    const noBucket = store({ bucket: "missing-bucket" });
    await expect(noBucket.put("a/b.wav", Buffer.from("x"), "audio/wav")).rejects.toThrow(
      /HTTP 404 NoSuchBucket/,
    );
  });

  it("fails with a clear error when the storage cannot be reached", async () => {
    const down = store({ endpoint: "http://127.0.0.1:9" });
    await expect(down.size("a/b.wav")).rejects.toThrow(/^S3 HEAD a\/b\.wav failed/);
  });
});
