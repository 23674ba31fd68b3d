/**
 * The path of `value` when it resolves to Pult's own origin, else null. Resolved the way a
 * browser resolves it (WHATWG URL: tabs and newlines dropped, backslashes read as slashes), so
 * "/\t/evil.example" is seen for what the browser makes of it: "//evil.example", another site.
 */
export function sameOriginPath(value: unknown, publicUrl: string): string | null {
  if (typeof value !== "string" || value === "") return null;
  const origin = new URL(publicUrl).origin;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "//host/…" as a relative Location is another site again.
  return path.startsWith("//") ? null : path;
}

/** Where to go after signing in: a same-origin page, never the sign-in page or an API route. */
export function safeCallbackPath(value: unknown, publicUrl: string, fallback = "/live"): string {
  const path = sameOriginPath(value, publicUrl);
  if (path === null || path.startsWith("/signin") || path.startsWith("/api/")) return fallback;
  return path;
}
