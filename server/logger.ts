type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Field names whose values must never reach a log line, at any depth.
const SECRET_KEYS =
  /pass(word|phrase)?|secret|token|authorization|cookie|api[-_]?key(?!_?id)|credential|private[-_]?key|notification[-_]?key|^key$/i;
const REDACTED = "[redacted]";
const MAX_DEPTH = 6;

// Secrets that hide inside ordinary text: error messages, URLs, response bodies.
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // API keys: "pult_" + 43 characters (the 11-character display prefix stays readable).
  [/\bpult_[A-Za-z0-9_-]{20,}/g, `pult_${REDACTED}`],
  // The notification URL's key is the only protection of an unsigned PBX.
  [/(\/api\/mtt\/)[A-Za-z0-9_-]{16,}/g, `$1${REDACTED}`],
  // Query strings and form bodies: access_token=…, refresh_token=…, client_secret=…, code=…
  [
    /((?:^|[?&\s])(?:access_token|refresh_token|id_token|token|code|client_secret|secret|password|api_key|apikey|key)=)[^&\s#"']+/gi,
    `$1${REDACTED}`,
  ],
  // JSON text: "password":"…", "refresh_token":"…"
  [
    /("(?:[a-z_]*password|passwd|[a-z_]*secret|access_token|refresh_token|id_token|[a-z_]*token|api_?key|authorization|cookie)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
    `$1"${REDACTED}"`,
  ],
  // Session cookies (next-auth's, possibly chunked): authjs.session-token.0=…
  [/((?:__Secure-|__Host-)?authjs\.[a-z-]+(?:\.\d+)?=)[^;\s]+/gi, `$1${REDACTED}`],
  // Credentials in connection strings: postgresql://user:secret@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:@\s/]+:)[^@\s/]+@/gi, `$1${REDACTED}@`],
];

export function scrubSecrets(text: string): string {
  return SECRET_PATTERNS.reduce(
    (out, [pattern, replacement]) => out.replace(pattern, replacement),
    text,
  );
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (value instanceof Error) {
    const cause = value.cause instanceof Error ? `: ${value.cause.message}` : "";
    return scrubSecrets(`${value.message}${cause}`);
  }
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Date) return value;
  if (depth >= MAX_DEPTH || seen.has(value)) return "[…]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value))
    out[key] = SECRET_KEYS.test(key) ? REDACTED : redactValue(field, depth + 1, seen);
  return out;
}

/** What a log line carries for these fields: secret-named fields and secret-looking text masked. */
export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const seen = new WeakSet<object>([fields]);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    out[key] = SECRET_KEYS.test(key) ? REDACTED : redactValue(value, 1, seen);
  return out;
}

function threshold(): number {
  const level = process.env.LOG_LEVEL;
  return order[level === "debug" || level === "warn" || level === "error" ? level : "info"];
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (order[level] < threshold()) return;
  const time = new Date().toISOString();
  const extra =
    fields && Object.keys(fields).length > 0
      ? ` ${JSON.stringify(redact(fields), (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`
      : "";
  const line = `${time} ${level.toUpperCase().padEnd(5)} ${scrubSecrets(message)}${extra}`;
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
