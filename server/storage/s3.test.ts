import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeS3, type FakeS3 } from "./fake-s3";
import { createS3Store } from "./s3";

const credentials = { accessKeyId: "AKTEST", secretAccessKey: "secret-key", region: "ru-central1" };
let fake: FakeS3;

beforeAll(async () => {
  fake = await startFakeS3(credentials);
});

afterAll(() => fake.close());

async function text(stream: ReadableStream<Uint8Array> | null) {
  return stream ? Buffer.from(await new Response(stream).arrayBuffer()).toString() : null;
}

describe("S3 store", () => {
  it("puts, reads ranges, reports sizes and deletes with signed path-style requests", async () => {
    const store = createS3Store({ endpoint: fake.endpoint, bucket: "pult-rec", ...credentials });
    const key = "recordings/t/r (1)/0.wav";
    await store.put(key, Buffer.from("0123456789"), "audio/wav");
    expect(fake.objects.get(`/pult-rec/${key}`)?.toString()).toBe("0123456789");
    expect(await store.size(key)).toBe(10);
    expect(await text(await store.get(key, { start: 3, end: 5 }))).toBe("345");
    expect(await text(await store.get(key))).toBe("0123456789");
    await store.delete(key);
    expect(await store.size(key)).toBeNull();
    expect(await store.get(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();
    expect(fake.requests[0]).toBe("PUT /pult-rec/recordings/t/r%20%281%29/0.wav");
  });

  it("fails loudly with the S3 error code when the keys are wrong", async () => {
    const store = createS3Store({
      endpoint: fake.endpoint,
      bucket: "pult-rec",
      ...credentials,
      secretAccessKey: "wrong",
    });
    await expect(store.put("a/b.wav", Buffer.from("x"), "audio/wav")).rejects.toThrow(
      /HTTP 403 SignatureDoesNotMatch/,
    );
  });
});
