/**
 * The Content-Security-Policy for console pages. Scripts run only from our origin or with the
 * per-request nonce (Next puts it on its own inline bootstrap scripts when it finds it in the
 * request's policy); 'strict-dynamic' lets those scripts load the chunks they need. Inline style
 * attributes stay allowed: React and the chart library set them, and they cannot run code.
 */
export function buildCsp(nonce: string, opts: { isDev: boolean }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      // React's dev tooling evaluates code; production never does.
      ...(opts.isDev ? ["'unsafe-eval'"] : []),
    ],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    // Recordings stream from our origin; the player may build blob: URLs.
    "media-src": ["'self'", "blob:"],
    // Same-origin fetches, tRPC and the Socket.IO websocket.
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
