/**
 * Security headers for every response of the custom server, set before Next (or Socket.IO)
 * handles the request. Pages get their nonce-based Content-Security-Policy from proxy.ts;
 * everything under /api and the Socket.IO path is data or audio, never a document to run, so
 * it gets a policy that allows nothing at all.
 */
export const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), display-capture=()";
export const API_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// Two years, the value browsers' preload lists ask for; sent only when served over HTTPS.
export const HSTS = "max-age=63072000; includeSubDomains";

const NON_DOCUMENT_PREFIXES = ["/api/", "/socket.io/"];

/** Served over HTTPS: the public URL says so, or the TLS-terminating proxy does. */
export function isHttpsRequest(
  forwardedProto: string | string[] | undefined,
  publicUrl: string,
): boolean {
  if (publicUrl.startsWith("https://")) return true;
  const header = Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto;
  // A client can write this header itself, but browsers ignore HSTS on plain HTTP anyway.
  return header?.split(",")[0]?.trim().toLowerCase() === "https";
}

export function securityHeaders(opts: { path: string; isHttps: boolean }): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["X-Frame-Options", "DENY"],
    ["Permissions-Policy", PERMISSIONS_POLICY],
    ["Cross-Origin-Opener-Policy", "same-origin"],
  ];
  if (NON_DOCUMENT_PREFIXES.some((prefix) => opts.path.startsWith(prefix))) {
    headers.push(
      ["Content-Security-Policy", API_CSP],
      ["Cross-Origin-Resource-Policy", "same-origin"],
    );
  }
  if (opts.isHttps) headers.push(["Strict-Transport-Security", HSTS]);
  return headers;
}
