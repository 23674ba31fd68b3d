import { z } from "zod";
import {
  CLIENT_NAME_MAX,
  CLIENT_NOTES_MAX,
  CLIENT_PHONES_MAX,
  tagsSchema,
} from "@/lib/schemas/clients";
import { normalizePhone } from "@/lib/phone";
import type { ParsedCsv } from "@/server/clients/csv";
import { mapColumns, parseVip, splitList, type ImportField } from "@/server/clients/import-columns";

// Pure: parsed CSV + what the tenant already has → what each row will do and why.

export type ImportReason =
  | { code: "missing_name" }
  | { code: "no_phone" }
  | { code: "bad_phone"; value: string; reason: string }
  | { code: "duplicate_in_file"; value: string; line: number }
  | { code: "unknown_manager"; value: string }
  | { code: "bad_email"; value: string }
  | { code: "bad_vip"; value: string }
  | { code: "too_long"; field: ImportField }
  // A NUL character: binary data, which the database cannot store as text.
  | { code: "bad_text"; field: ImportField }
  | { code: "too_many_phones" }
  | { code: "phones_of_different_clients"; names: string[] };

export type ImportRowPlan = {
  // 1-based line in the file (the header is line 1).
  line: number;
  action: "create" | "update" | "reject";
  reasons: ImportReason[];
  name: string;
  company: string | null;
  phones: string[];
  email: string | null;
  tags: string[];
  isVip: boolean | null;
  notes: string | null;
  managerEmail: string | null;
  managerId: string | null;
  // For updates: the client the phone matched.
  clientId: string | null;
  clientName: string | null;
};

export type ImportPlan = {
  encoding: ParsedCsv["encoding"];
  delimiter: ParsedCsv["delimiter"];
  columns: Array<{ header: string; field: ImportField | null }>;
  fileError: "empty" | "no_name_column" | "no_phone_column" | null;
  rows: ImportRowPlan[];
  counts: { create: number; update: number; reject: number };
};

export type ImportLookups = {
  clientByPhone: ReadonlyMap<string, { clientId: string; clientName: string }>;
  managerIdByEmail: ReadonlyMap<string, string>;
};

const emailSchema = z.email();

// Our export prefixes cells that a spreadsheet would run as a formula with "'" (csv.ts); one
// such apostrophe is taken off again, so an exported file imports back unchanged.
const NEUTRALISED = /^'+[=+\-@\t\r]/;

function cellsOf(row: readonly string[], fields: ReadonlyArray<ImportField | null>) {
  const values: Partial<Record<ImportField, string>> = {};
  const phones: string[] = [];
  fields.forEach((field, index) => {
    const trimmed = (row[index] ?? "").trim();
    const value = NEUTRALISED.test(trimmed) ? trimmed.slice(1) : trimmed;
    if (!field) return;
    if (field === "phones") phones.push(...splitList(value));
    else values[field] = value;
  });
  return { values, phones };
}

function planRow(
  line: number,
  row: readonly string[],
  fields: ReadonlyArray<ImportField | null>,
  lookups: ImportLookups,
  firstLineOfPhone: Map<string, number>,
): ImportRowPlan {
  const { values, phones: rawPhones } = cellsOf(row, fields);
  const reasons: ImportReason[] = [];
  const name = values.name ?? "";
  if (name.length > CLIENT_NAME_MAX) reasons.push({ code: "too_long", field: "name" });
  const company = values.company ? values.company : null;
  if (company && company.length > CLIENT_NAME_MAX)
    reasons.push({ code: "too_long", field: "company" });
  const notes = values.notes ? values.notes : null;
  if (notes && notes.length > CLIENT_NOTES_MAX) reasons.push({ code: "too_long", field: "notes" });
  for (const field of ["name", "company", "notes", "tags"] as const) {
    if (values[field]?.includes("\u0000")) reasons.push({ code: "bad_text", field });
  }

  const phones: string[] = [];
  for (const raw of rawPhones) {
    const result = normalizePhone(raw);
    if (!result.ok) {
      reasons.push({ code: "bad_phone", value: raw, reason: result.reason });
      continue;
    }
    if (phones.includes(result.e164)) continue;
    const seenAt = firstLineOfPhone.get(result.e164);
    if (seenAt !== undefined) {
      reasons.push({ code: "duplicate_in_file", value: raw, line: seenAt });
      continue;
    }
    phones.push(result.e164);
  }
  if (rawPhones.length === 0) reasons.push({ code: "no_phone" });
  if (phones.length > CLIENT_PHONES_MAX) reasons.push({ code: "too_many_phones" });

  const email = values.email ? values.email.toLowerCase() : null;
  if (email && !emailSchema.safeParse(email).success)
    reasons.push({ code: "bad_email", value: email });
  const tags = tagsSchema.safeParse(splitList(values.tags ?? ""));
  if (!tags.success) reasons.push({ code: "too_long", field: "tags" });
  const isVip = values.isVip === undefined ? null : parseVip(values.isVip);
  if (values.isVip !== undefined && isVip === null)
    reasons.push({ code: "bad_vip", value: values.isVip });
  const managerEmail = values.manager ? values.manager.toLowerCase() : null;
  const managerId = managerEmail ? (lookups.managerIdByEmail.get(managerEmail) ?? null) : null;
  if (managerEmail && !managerId)
    reasons.push({ code: "unknown_manager", value: values.manager ?? "" });

  const matches = new Map<string, string>();
  for (const phone of phones) {
    const match = lookups.clientByPhone.get(phone);
    if (match) matches.set(match.clientId, match.clientName);
  }
  if (matches.size > 1)
    reasons.push({ code: "phones_of_different_clients", names: [...matches.values()] });
  const [match] = [...matches.entries()];
  if (!match && name === "") reasons.push({ code: "missing_name" });

  // Only rows that will be written claim their numbers: a later duplicate points at this line.
  const action = reasons.length > 0 ? "reject" : match ? "update" : "create";
  if (action !== "reject") for (const phone of phones) firstLineOfPhone.set(phone, line);
  return {
    line,
    action,
    reasons,
    name,
    company,
    phones,
    email,
    tags: tags.success ? tags.data : [],
    isVip,
    notes,
    managerEmail,
    managerId,
    clientId: match?.[0] ?? null,
    clientName: match?.[1] ?? null,
  };
}

export function planImport(csv: ParsedCsv, lookups: ImportLookups): ImportPlan {
  const [header, ...body] = csv.rows;
  const fields = header ? mapColumns(header) : [];
  const columns = (header ?? []).map((h, i) => ({ header: h.trim(), field: fields[i] ?? null }));
  const base = { encoding: csv.encoding, delimiter: csv.delimiter, columns };
  const empty = { create: 0, update: 0, reject: 0 };
  if (!header || body.length === 0) return { ...base, fileError: "empty", rows: [], counts: empty };
  if (!fields.includes("name"))
    return { ...base, fileError: "no_name_column", rows: [], counts: empty };
  if (!fields.includes("phones"))
    return { ...base, fileError: "no_phone_column", rows: [], counts: empty };
  const firstLineOfPhone = new Map<string, number>();
  const rows = body.map((row, index) => planRow(index + 2, row, fields, lookups, firstLineOfPhone));
  const counts = { ...empty };
  for (const row of rows) counts[row.action]++;
  return { ...base, fileError: null, rows, counts };
}

/** Every phone number the plan mentions, to look their owners up in one query. */
export function phonesInFile(csv: ParsedCsv): string[] {
  const [header, ...body] = csv.rows;
  if (!header) return [];
  const fields = mapColumns(header);
  const phones = new Set<string>();
  for (const row of body) {
    for (const raw of cellsOf(row, fields).phones) {
      const result = normalizePhone(raw);
      if (result.ok) phones.add(result.e164);
    }
  }
  return [...phones];
}
