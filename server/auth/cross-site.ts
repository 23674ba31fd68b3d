// SameSite=Lax keeps the session cookie off cross-site POSTs in today's browsers, but it is one
// layer (older browsers, a sibling subdomain counts as same-site). State-changing requests must
// also come from Pult's own pages: the Origin header says where the page that sent them lives.

type Headers = { origin?: string | string[]; "sec-fetch-site"?: string | string[] };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// The PBX (signed notifications, OAuth return) and the public API (Bearer keys, no cookies) are
// called by servers, not by pages, and authenticate without the session cookie.
const EXEMPT = [/^\/api\/mtt\//, /^\/api\/v1\//];

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Non-GET requests to /api/*, except the PBX's and the public API's routes. */
export function needsOriginCheck(method: string | undefined, url: string | undefined): boolean {
  const path = (url ?? "/").split("?")[0] ?? "/";
  if (SAFE_METHODS.has((method ?? "GET").toUpperCase())) return false;
  if (!path.startsWith("/api/")) return false;
  return !EXEMPT.some((pattern) => pattern.test(path));
}

/**
 * True when the request was sent by a page of another origin. Browsers send Origin with every
 * POST (same-origin ones included) and with WebSocket handshakes, and every browser that sends
 * Sec-Fetch-Site also sends Origin there: a request with neither comes from a program (curl, a
 * script, a test), which holds no victim's cookie for a page to abuse, so it passes. Without
 * Origin, only Sec-Fetch-Site "same-origin" passes (a same-origin XHR GET, e.g. Socket.IO's
 * polling handshake, carries no Origin).
 */
export function isCrossSite(headers: Headers, publicUrl: string): boolean {
  const origin = single(headers.origin);
  const fetchSite = single(headers["sec-fetch-site"]);
  if (origin !== undefined) return origin !== new URL(publicUrl).origin;
  return fetchSite !== undefined && fetchSite !== "same-origin";
}

export function crossSiteRefusal(): { status: number; body: string } {
  return {
    status: 403,
    body: JSON.stringify({
      code: "FORBIDDEN",
      reason: "cross_site",
      message: "This request must come from a page of Pult itself",
    }),
  };
}
