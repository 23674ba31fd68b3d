import type { IncomingMessage } from "node:http";

/**
 * The address sign-in throttling and the audit log see. Behind a trusted reverse proxy it is the
 * last X-Forwarded-For entry: the address that proxy saw. Earlier entries are whatever the
 * client wrote into its own header (proxies append), so taking the first one would let anyone
 * pick a fresh address per try and slip past the per-address limit.
 */
export function clientIpOf(
  req: Pick<IncomingMessage, "headers" | "socket">,
  trustProxy: boolean,
): string {
  const forwarded = req.headers["x-forwarded-for"];
  const header = Array.isArray(forwarded) ? forwarded.join(",") : forwarded;
  if (trustProxy && header) {
    const last = header
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last;
  }
  return req.socket.remoteAddress ?? "";
}
