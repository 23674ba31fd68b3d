import { lookup } from "node:dns/promises";
import os from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import {
  assertUrlAllowed,
  checkUrlAllowed,
  createGuardedFetch,
  isPrivateAddress,
  OutboundRefusedError,
  readBodyCapped,
} from "@/server/mtt/outbound";
import { startTestServer, type TestServer } from "@/server/mtt/test-fetch";

const strict = { allowPrivate: false };

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.20.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:a9fe:a9fe",
    "64:ff9b::a00:1",
    "not-an-address",
  ])("refuses %s", (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(["8.8.8.8", "93.184.216.34", "2a00:1450:4010:c05::71", "::ffff:8.8.8.8"])(
    "lets %s through",
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );
});

describe("the host policy", () => {
  it("refuses literal private addresses, loopback names and other schemes up front", () => {
    for (const url of [
      "http://127.0.0.1:4010/x",
      "http://[::1]/x",
      "http://localhost/x",
      "http://api.localhost/x",
      "https://169.254.169.254/latest",
      "file:///etc/passwd",
    ])
      expect(() => assertUrlAllowed(new URL(url), strict), url).toThrow(OutboundRefusedError);
    expect(() => assertUrlAllowed(new URL("https://api.mtt.ru/vats/v1"), strict)).not.toThrow();
  });

  it("trusts exactly the given origins (the bundled simulator), under any loopback name", () => {
    const policy = { allowPrivate: false, trustedOrigins: ["http://localhost:4010"] };
    expect(() => assertUrlAllowed(new URL("http://127.0.0.1:4010/vats/v1"), policy)).not.toThrow();
    expect(() => assertUrlAllowed(new URL("http://127.0.0.1:4011/"), policy)).toThrow();
    expect(() => assertUrlAllowed(new URL("https://localhost:4010/"), policy)).toThrow();
  });

  it("checks what a name resolves to, not only how it is spelled", async () => {
    const name = os.hostname();
    const addresses = await lookup(name, { all: true }).catch(() => []);
    if (addresses.length === 0 || !addresses.every((a) => isPrivateAddress(a.address))) return;
    expect(await checkUrlAllowed(`http://${name}:9/`, strict)).toBe(false);
    const refused = await createGuardedFetch(strict)(`http://${name}:9/`).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(OutboundRefusedError);
  });
});

describe("createGuardedFetch", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("sends nothing to a loopback server unless the policy allows private addresses", async () => {
    server = await startTestServer((_req, res) => res.writeHead(200).end("ok"));
    await expect(createGuardedFetch(strict)(server.url)).rejects.toBeInstanceOf(
      OutboundRefusedError,
    );
    expect(server.hits()).toBe(0);
    const allowed = await createGuardedFetch({ allowPrivate: true })(server.url);
    expect(await allowed.text()).toBe("ok");
  });

  it("returns a redirect as it came, without following it", async () => {
    server = await startTestServer((req, res) => {
      if (req.url === "/start") return res.writeHead(302, { location: "/elsewhere" }).end();
      res.writeHead(200).end("followed");
    });
    const response = await createGuardedFetch({ allowPrivate: true })(`${server.url}/start`, {
      method: "POST",
      headers: { authorization: "Bearer secret" },
      body: "x",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/elsewhere");
    expect(server.hits()).toBe(1);
  });

  it("reads a body only up to a limit", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200);
      res.write(Buffer.alloc(64 * 1024));
      res.end(Buffer.alloc(64 * 1024));
    });
    const response = await createGuardedFetch({ allowPrivate: true })(server.url);
    await expect(readBodyCapped(response, 100 * 1024)).rejects.toThrow(/larger than/);
  });
});
