type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Field names whose values must never reach a log line.
const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie|api[-_]?key/i;

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_KEYS.test(key)) out[key] = "[redacted]";
    else if (value instanceof Error) out[key] = value.message;
    else out[key] = value;
  }
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
    fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(redact(fields))}` : "";
  const line = `${time} ${level.toUpperCase().padEnd(5)} ${message}${extra}`;
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
