// Header row → field. Russian and English names, as people actually title their columns.
export type ImportField =
  "name" | "company" | "phones" | "email" | "tags" | "isVip" | "notes" | "manager";

const HEADERS: Record<ImportField, string[]> = {
  name: [
    "name",
    "client",
    "client name",
    "full name",
    "contact",
    "имя",
    "фио",
    "клиент",
    "имя клиента",
    "контакт",
    "наименование",
  ],
  company: ["company", "organization", "organisation", "компания", "организация", "фирма"],
  phones: [
    "phone",
    "phones",
    "telephone",
    "mobile",
    "phone number",
    "телефон",
    "телефоны",
    "тел",
    "номер",
    "номер телефона",
    "мобильный",
  ],
  email: ["email", "e-mail", "mail", "почта", "эл. почта", "электронная почта", "емейл"],
  tags: ["tags", "tag", "labels", "теги", "тег", "метки", "метка"],
  isVip: ["vip", "вип"],
  notes: [
    "notes",
    "note",
    "comment",
    "comments",
    "заметки",
    "заметка",
    "примечание",
    "комментарий",
  ],
  manager: [
    "manager",
    "manager email",
    "personal manager",
    "менеджер",
    "персональный менеджер",
    "email менеджера",
    "менеджер email",
    "почта менеджера",
  ],
};

const BY_HEADER = new Map<string, ImportField>(
  (Object.entries(HEADERS) as Array<[ImportField, string[]]>).flatMap(([field, names]) =>
    names.map((name) => [name, field] as const),
  ),
);

export function normalizeHeader(header: string): string {
  return header
    .replace(/^\ufeff/, "")
    .trim()
    .toLowerCase()
    .replaceAll("ё", "е")
    .replace(/[*:]+$/g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*\d+$/, "") // "Телефон 2"
    .trim();
}

/** The field of each column (null for columns we do not import). Only phones may repeat. */
export function mapColumns(headers: readonly string[]): Array<ImportField | null> {
  const used = new Set<ImportField>();
  return headers.map((header) => {
    const field = BY_HEADER.get(normalizeHeader(header)) ?? null;
    if (!field) return null;
    if (used.has(field) && field !== "phones") return null;
    used.add(field);
    return field;
  });
}

export const EXPORT_HEADERS: Record<"ru" | "en", Record<ImportField, string>> = {
  ru: {
    name: "Имя",
    company: "Компания",
    phones: "Телефоны",
    email: "Email",
    tags: "Теги",
    isVip: "VIP",
    notes: "Заметки",
    manager: "Менеджер",
  },
  en: {
    name: "Name",
    company: "Company",
    phones: "Phones",
    email: "Email",
    tags: "Tags",
    isVip: "VIP",
    notes: "Notes",
    manager: "Manager",
  },
};

const YES = new Set(["1", "yes", "y", "true", "да", "д", "+", "vip", "вип", "x", "✓"]);
const NO = new Set(["", "0", "no", "n", "false", "нет", "н", "-"]);

export function parseVip(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

export function splitList(value: string): string[] {
  return value
    .split(/[,;|\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
