// CSV as Russian offices produce it: Excel saves Windows-1251 with ";" by default, Google
// Sheets UTF-8 with ",". Pure functions, so they are unit-tested without a database.

export type CsvEncoding = "utf-8" | "windows-1251";
export type CsvDelimiter = ";" | ",";

export type ParsedCsv = {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  rows: string[][];
};

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((b, i) => bytes[i] === b);
}

/** UTF-8 when the bytes are valid UTF-8 (with or without a BOM), Windows-1251 otherwise. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (hasUtf8Bom(bytes)) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1251").decode(bytes), encoding: "windows-1251" };
  }
}

/** The delimiter that appears more often outside quotes in the header line. */
export function detectDelimiter(text: string): CsvDelimiter {
  let semicolons = 0;
  let commas = 0;
  let isQuoted = false;
  for (const char of text) {
    if (char === '"') isQuoted = !isQuoted;
    else if (!isQuoted && (char === "\n" || char === "\r")) break;
    else if (!isQuoted && char === ";") semicolons++;
    else if (!isQuoted && char === ",") commas++;
  }
  return commas > semicolons ? "," : ";";
}

/** RFC 4180: quoted fields may hold the delimiter, line breaks and doubled quotes. */
export function parseCsvText(text: string, delimiter: CsvDelimiter): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (isQuoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        isQuoted = false;
      } else {
        field += char;
      }
      continue;
    }
    if (char === '"' && field === "") {
      isQuoted = true;
    } else if (char === delimiter) {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += char;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines (often at the end of the file) are not rows.
  return rows.filter((r) => r.some((cell) => cell.trim() !== ""));
}

export function parseCsv(bytes: Uint8Array): ParsedCsv {
  const { text, encoding } = decodeCsv(bytes);
  const delimiter = detectDelimiter(text);
  return { encoding, delimiter, rows: parseCsvText(text, delimiter) };
}

// What a spreadsheet runs as a formula (OWASP's list); apostrophes before it are escaped too, so
// the import can take exactly one off again (import-plan.ts). A list of phone numbers
// (+digits, spaces, commas) is left alone: it cannot call anything.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const PHONE_LIST = /^\+\d[\d ,+]*$/;

function quote(value: string, delimiter: CsvDelimiter): string {
  const safe = FORMULA_START.test(value) && !PHONE_LIST.test(value) ? `'${value}` : value;
  return /["\r\n]/.test(safe) || safe.includes(delimiter)
    ? `"${safe.replaceAll('"', '""')}"`
    : safe;
}

/** UTF-8 with a BOM and ";" so Excel with a Russian locale opens it with the right columns. */
export function formatCsv(
  rows: ReadonlyArray<ReadonlyArray<string>>,
  delimiter: CsvDelimiter = ";",
) {
  const body = rows
    .map((r) => r.map((cell) => quote(cell, delimiter)).join(delimiter))
    .join("\r\n");
  return `\ufeff${body}\r\n`;
}
