import { describe, expect, it } from "vitest";
import {
  decodeCsv,
  detectDelimiter,
  formatCsv,
  parseCsv,
  parseCsvText,
} from "@/server/clients/csv";

// Windows-1251 bytes of a string (Cyrillic only; enough for these fixtures).
function cp1251(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((ch) => {
      const code = ch.charCodeAt(0);
      if (code < 0x80) return code;
      if (ch === "Ё") return 0xa8;
      if (ch === "ё") return 0xb8;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      throw new Error(`no cp1251 byte for ${ch}`);
    }),
  );
}

describe("decodeCsv", () => {
  it("reads UTF-8 with and without a BOM", () => {
    const text = "Имя;Телефон\r\nИван;89161234567\r\n";
    const plain = new TextEncoder().encode(text);
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeCsv(plain)).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsv(bom)).toEqual({ text, encoding: "utf-8" });
  });

  it("falls back to Windows-1251 when the bytes are not UTF-8", () => {
    const text = "Имя;Компания\r\nПётр Ёлкин;ООО Ромашка\r\n";
    expect(decodeCsv(cp1251(text))).toEqual({ text, encoding: "windows-1251" });
  });
});

describe("detectDelimiter", () => {
  it("picks the separator of the header line", () => {
    expect(detectDelimiter("Имя;Телефон;Email\nа,б;в;г")).toBe(";");
    expect(detectDelimiter("Name,Phone,Email\nx;y,z")).toBe(",");
    expect(detectDelimiter('"Name; full",Phone,Email')).toBe(",");
    expect(detectDelimiter("Name")).toBe(";");
  });
});

describe("parseCsvText", () => {
  it("handles quotes, doubled quotes, delimiters and line breaks inside quotes", () => {
    const text = 'a;b;c\r\n"x;y";"say ""hi""";"line1\nline2"\n\n1;;3';
    expect(parseCsvText(text, ";")).toEqual([
      ["a", "b", "c"],
      ["x;y", 'say "hi"', "line1\nline2"],
      ["1", "", "3"],
    ]);
  });

  it("skips blank lines and keeps a last line without a line break", () => {
    expect(parseCsvText("a,b\n\n  \nc,d", ",")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
});

describe("parseCsv", () => {
  it("detects both the encoding and the delimiter", () => {
    const parsed = parseCsv(cp1251("ФИО;Телефон\r\nИванов;8 916 123-45-67\r\n"));
    expect(parsed).toEqual({
      encoding: "windows-1251",
      delimiter: ";",
      rows: [
        ["ФИО", "Телефон"],
        ["Иванов", "8 916 123-45-67"],
      ],
    });
  });
});

describe("formatCsv", () => {
  it("writes a BOM, semicolons, CRLF and quotes only where needed", () => {
    const csv = formatCsv([
      ["Имя", "Телефоны"],
      ['ООО "Ромашка"; филиал', "+79161234567, +74951234567"],
      ["=HYPERLINK()", "-1"],
    ]);
    expect(csv).toBe(
      '\ufeffИмя;Телефоны\r\n"ООО ""Ромашка""; филиал";+79161234567, +74951234567\r\n\'=HYPERLINK();\'-1\r\n',
    );
  });

  it("round-trips through the parser", () => {
    const rows = [
      ["a", "b;c", 'd "e"'],
      ["multi\nline", "", "x"],
    ];
    const bytes = new TextEncoder().encode(formatCsv(rows));
    expect(parseCsv(bytes).rows).toEqual(rows);
  });
});
