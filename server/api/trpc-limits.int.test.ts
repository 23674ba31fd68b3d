// /api/trpc and /api/auth read request bodies: a body is read only up to 1 MB and a tRPC batch
// holds a bounded number of calls, so one request cannot make the server buffer or run without
// end. Through the real route handlers.
import superjson from "superjson";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...nextauth]/route";
import * as trpcRoute from "@/app/api/trpc/[trpc]/route";
import { MAX_TRPC_BATCH } from "@/lib/trpc/limits";
import { getDb } from "@/server/db";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { handleTrpcRequest } from "@/server/api/http-handler";

const PUBLIC_URL = "http://localhost:3998";
const MB = 1024 * 1024;
let fixture: TenantFixture | undefined;

type TrpcErrorBody = { error: { json: { message: string; data: Record<string, unknown> } } };

/** A body sent in chunks with no Content-Length, as a streaming client sends it. */
function chunked(totalBytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const size = Math.min(64 * 1024, totalBytes - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
}

function trpcPost(
  path: string,
  body: BodyInit,
  contentType = "application/json",
): Promise<Response> {
  const init: RequestInit & { duplex: "half" } = {
    method: "POST",
    headers: { "content-type": contentType },
    body,
    duplex: "half",
  };
  return trpcRoute.POST(new Request(`${PUBLIC_URL}/api/trpc/${path}`, init));
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "limits-test-secret-0123456789-abcdefghij";
  process.env.AUTH_TRUST_HOST = "true";
  process.env.AUTH_URL = `${PUBLIC_URL}/api/auth`;
  fixture = await setUpTenant({ publicUrl: PUBLIC_URL });
});

afterAll(async () => {
  await fixture?.teardown();
});

describe("request limits of /api/trpc", () => {
  it("answers 413 with a JSON error to a body over 1 MB, declared or streamed", async () => {
    const declared = await trpcPost("users.invite", JSON.stringify({ json: "x".repeat(MB + 10) }));
    expect(declared.status).toBe(413);
    const body = (await declared.json()) as TrpcErrorBody;
    expect(body.error.json.data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413 });
    expect(body.error.json.message).toMatch(/1 MB/);

    const streamed = await trpcPost("users.invite", chunked(3 * MB));
    expect(streamed.status).toBe(413);
  });

  it("answers 400 with a JSON error to a batch of too many calls", async () => {
    const paths = Array.from({ length: 200 }, () => "me.get").join(",");
    const input = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [i, { json: null }]));
    const response = await trpcRoute.GET(
      new Request(
        `${PUBLIC_URL}/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
      ),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as TrpcErrorBody[] | TrpcErrorBody;
    const first = Array.isArray(body) ? body[0] : body;
    expect(first?.error.json.message).toMatch(/batch/i);
  });

  it("refuses form posts: tRPC calls are JSON", async () => {
    // What a page on another site can send without a preflight: a multipart form (which tRPC
    // would otherwise hand to procedures as FormData), a url-encoded or a text/plain one.
    const multipart = new FormData();
    multipart.set("locale", "en");
    const refused = [
      await trpcRoute.POST(
        new Request(`${PUBLIC_URL}/api/trpc/me.setLocale`, { method: "POST", body: multipart }),
      ),
      await trpcPost("me.setLocale", "locale=en", "application/x-www-form-urlencoded"),
      await trpcPost("me.setLocale", '{"json":{"locale":"en"}}', "text/plain"),
    ];
    for (const response of refused) {
      expect(response.status).toBe(415);
      const body = (await response.json()) as TrpcErrorBody;
      expect(body.error.json.data).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    }
  });

  it("still serves a normal call and batch", async () => {
    const admin = await getDb().user.findUniqueOrThrow({
      where: { id: fixture?.adminId ?? "" },
      select: { id: true, email: true, name: true, role: true, tenantId: true },
    });
    const context = () => Promise.resolve({ user: { ...admin, locale: null }, ip: null });
    const mutation = await handleTrpcRequest(
      new Request(`${PUBLIC_URL}/api/trpc/me.setLocale`, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify(superjson.serialize({ locale: "en" })),
      }),
      context,
    );
    expect(mutation.status).toBe(200);
    const paths = Array.from({ length: MAX_TRPC_BATCH }, () => "me.get").join(",");
    const batch = await handleTrpcRequest(
      new Request(`${PUBLIC_URL}/api/trpc/${paths}?batch=1&input={}`),
      context,
    );
    expect(batch.status).toBe(200);
    expect((await batch.json()) as unknown[]).toHaveLength(MAX_TRPC_BATCH);
  });
});

describe("request limits of /api/auth", () => {
  it("answers 413 to a body over 1 MB", async () => {
    const big = await authRoute.POST(
      new NextRequest(`${PUBLIC_URL}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `email=a%40b.test&password=${"x".repeat(MB + 10)}`,
      }),
    );
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });

    const streaming = new Request(`${PUBLIC_URL}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: chunked(2 * MB),
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    const streamed = await authRoute.POST(new NextRequest(streaming));
    expect(streamed.status).toBe(413);
  });
});
