// Download names like "2026-11-26_14-05_Анна Клиентова_Мария.wav": sortable by date, readable in
// any language; the header carries an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987).
import { formatZoned } from "@/lib/zoned-time";

export type FilenameParts = {
  startedAt: Date;
  timeZone: string;
  client: string | null;
  manager: string | null;
  format: string;
  /** 1-based part number when the call was recorded in several files. */
  part?: number;
};

function clean(text: string): string {
  // No path separators, control or reserved characters; collapse whitespace.
  return text
    .replace(/[\u0000-\u001f\u007f"*/:<>?\\|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 60);
}

export function buildRecordingFilename(parts: FilenameParts): string {
  const stamp = formatZoned(parts.startedAt, parts.timeZone, {
    separator: "_",
    timeSeparator: "-",
    seconds: false,
  });
  const pieces = [stamp];
  for (const name of [parts.client, parts.manager]) {
    const cleaned = name ? clean(name) : "";
    if (cleaned) pieces.push(cleaned);
  }
  if (parts.part !== undefined) pieces.push(`part${parts.part}`);
  const ext = /^[a-z0-9]{2,5}$/.test(parts.format) ? parts.format : "bin";
  return `${pieces.join("_")}.${ext}`;
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function contentDisposition(filename: string, type: "attachment" | "inline"): string {
  // Non-ASCII letters become "_" in the fallback for clients that ignore filename*.
  const fallback = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}
