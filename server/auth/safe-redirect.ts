/** Only same-origin paths: a crafted callbackUrl must not send people to another site. */
export function safeCallbackPath(value: unknown, fallback = "/live"): string {
  if (typeof value !== "string") return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (value.startsWith("/signin") || value.startsWith("/api/")) return fallback;
  return value;
}
