// Every request to MTT's API and OAuth server goes out through here. Their addresses are typed
// in by an admin, so without a host policy they would reach whatever the server can reach:
// loopback services, the cloud metadata address, the office network. The check runs on the
// addresses the name resolves to, at connection time (a name that resolves to a public address
// when saved and to 127.0.0.1 later is still refused). Redirects are never followed: the request
// carries a Bearer token or the client secret, and a redirect could hand either to another host.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";
import { Readable } from "node:stream";

export type OutboundPolicy = {
  /** Private, loopback and link-local addresses too (a simulator or proxy on the local network). */
  allowPrivate: boolean;
  /** Origins reached whatever their address: the bundled simulator this very process runs. */
  trustedOrigins?: readonly string[];
};

/** A request the host policy refused; never retried. */
export class OutboundRefusedError extends Error {
  readonly code = "EOUTBOUNDREFUSED";
  constructor(message: string) {
    super(message);
    this.name = "OutboundRefusedError";
  }
}

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 96], // unspecified, loopback, IPv4-compatible
  ["64:ff9b::", 96], // NAT64: an IPv4 address inside
  ["64:ff9b:1::", 48],
  ["100::", 64], // discard
  ["2001::", 32], // Teredo
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4: an IPv4 address inside
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(network, prefix, "ipv6");

/** Loopback, private, link-local and other non-public addresses (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  if (family === 0) return true; // not an address at all: refuse rather than guess
  return blocked.check(bare, family === 4 ? "ipv4" : "ipv6");
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

function isTrustedOrigin(url: URL, trusted: readonly string[]): boolean {
  return trusted.some((origin) => {
    const other = new URL(origin);
    const sameHost =
      other.hostname === url.hostname ||
      (LOOPBACK_NAMES.has(other.hostname) && LOOPBACK_NAMES.has(url.hostname));
    return sameHost && other.port === url.port && other.protocol === url.protocol;
  });
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

// Resolves as the socket would, and refuses the connection if any address is not public.
function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) {
      const message = `Refusing to connect to ${hostname}: it resolves to ${refused.address}, which is not a public address`;
      return callback(new OutboundRefusedError(message), []);
    }
    const [first] = addresses;
    if (options.all) return callback(null, addresses);
    if (!first) return callback(new OutboundRefusedError(`${hostname} has no address`), []);
    return callback(null, first.address, first.family);
  });
}

/** The policy's verdict on a URL before connecting: literal addresses and the scheme. */
export function assertUrlAllowed(url: URL, policy: OutboundPolicy): void {
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new OutboundRefusedError(`Refusing ${url.protocol} URLs: only http and https`);
  if (policy.allowPrivate || isTrustedOrigin(url, policy.trustedOrigins ?? [])) return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0 && isPrivateAddress(host))
    throw new OutboundRefusedError(`Refusing to connect to ${host}: not a public address`);
  if (LOOPBACK_NAMES.has(url.hostname) || host.endsWith(".localhost"))
    throw new OutboundRefusedError(`Refusing to connect to ${url.hostname}: not a public address`);
}

/** Whether the policy lets Pult reach this URL, resolving its name now (for a form's answer). */
export async function checkUrlAllowed(raw: string, policy: OutboundPolicy): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(raw);
    assertUrlAllowed(url, policy);
  } catch {
    return false;
  }
  if (policy.allowPrivate || isTrustedOrigin(url, policy.trustedOrigins ?? [])) return true;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) return true;
  const addresses = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(host, { all: true }, (error, found) => resolve(error ? [] : found)),
  );
  // A name that does not resolve here may later: the connection-time check still applies.
  return addresses.every((a) => !isPrivateAddress(a.address));
}

function bodyOf(body: RequestInit["body"]): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return Buffer.from(body);
  throw new TypeError("Only string, URLSearchParams and byte bodies are supported");
}

const NO_BODY = new Set([204, 205, 304]);

/**
 * A fetch for MTT's endpoints under the policy: node:http with a lookup that refuses private
 * addresses, keep-alive connections, and no redirects (a 3xx is returned as it came).
 */
export function createGuardedFetch(policy: OutboundPolicy): typeof fetch {
  const agents = {
    "http:": new http.Agent({ keepAlive: true }),
    "https:": new https.Agent({ keepAlive: true }),
  };
  const guarded = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    try {
      assertUrlAllowed(url, policy);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const isChecked = !policy.allowPrivate && !isTrustedOrigin(url, policy.trustedOrigins ?? []);
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = bodyOf(init.body);
    const transport = url.protocol === "https:" ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const request = transport.request(url, {
        method: init.method ?? "GET",
        headers,
        agent: url.protocol === "https:" ? agents["https:"] : agents["http:"],
        ...(isChecked ? { lookup: publicOnlyLookup } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
      request.once("error", reject);
      request.once("response", (incoming) => {
        const status = incoming.statusCode ?? 0;
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
            responseHeaders.append(name, v);
        }
        if (NO_BODY.has(status)) incoming.resume();
        const stream = NO_BODY.has(status)
          ? null
          : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
        try {
          resolve(new Response(stream, { status, headers: responseHeaders }));
        } catch (error) {
          incoming.destroy();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      request.end(body);
    });
  };
  return guarded;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The answer is larger than ${limitBytes} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** Reads a response body, but never more than `maxBytes`: a server cannot fill the memory. */
export async function readBodyCapped(response: Response, maxBytes: number): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
