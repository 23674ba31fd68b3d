import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import {
  encodeCp1251,
  FORMULAS,
  freshNational,
  HEADER_NAMES,
  hostileCsv,
  phoneWriting,
  renderCsv,
  type CsvShape,
  type Field,
} from "@/server/testing/csv-arbitraries";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import type { Actor } from "@/server/policy/actor";
import { parseCsvText } from "@/server/clients/csv";
import { exportClientsCsv } from "@/server/clients/export";
import type { ImportPlan } from "@/server/clients/import-plan";
import { handleImportRequest } from "@/server/clients/import-request";
import { callRouteAs } from "@/server/testing/actors";

// Property-based fuzzing of the client CSV import (POST /api/clients/import after sign-in) and
// export against a real database. A failure prints the seed and the shrunk counterexample.

process.env.LOG_LEVEL ??= "error";
const SEED = 20_260_809;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });
const FILE_RUNS = 120;

let fixture: TenantFixture | undefined;
let admin: Actor;
let tenantId = "";
let managerId = "";

async function post(mode: string, body: Uint8Array | ReadableStream<Uint8Array>) {
  const init: RequestInit & { duplex?: "half" } = {
    method: "POST",
    headers: { "content-type": "text/csv" },
  };
  if (body instanceof ReadableStream) Object.assign(init, { body, duplex: "half" });
  else init.body = new Uint8Array(body);
  const request = new Request(`http://localhost/api/clients/import?mode=${mode}`, init);
  const response = await callRouteAs(handleImportRequest, admin, request, {});
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const isPlan = (json: Record<string, unknown>): json is ImportPlan & Record<string, unknown> =>
  Array.isArray(json.rows) && typeof json.counts === "object";

async function snapshot() {
  const db = getDb();
  const [clients, phones, assignments] = await Promise.all([
    db.client.findMany({ where: { tenantId }, select: { id: true } }),
    db.clientPhone.findMany({ where: { tenantId }, select: { e164: true } }),
    db.clientAssignment.count({ where: { tenantId } }),
  ]);
  return {
    clients: new Set(clients.map((c) => c.id)),
    phones: new Set(phones.map((p) => p.e164)),
    assignments,
  };
}

beforeAll(async () => {
  fixture = await setUpTenant();
  tenantId = fixture.tenantId;
  admin = { tenantId, userId: fixture.adminId, role: "ADMIN", apiKeyId: null, ip: null };
  const manager = await getDb().user.create({
    data: { tenantId, email: "manager@acme.test", name: "M", role: "MANAGER", status: "ACTIVE" },
  });
  managerId = manager.id;
  await getDb().client.create({
    data: {
      tenantId,
      name: "Старый клиент",
      phones: { create: { tenantId, e164: "+74951112233" } },
    },
  });
});

afterAll(async () => {
  await fixture?.teardown();
});

// Most hostile files fail as a whole (no name or phone column, no rows). These lead with a name
// and a phone column, mostly valid, before the hostile ones, so the commit sees accepted and
// rejected rows side by side.
const leadingCells = fc.tuple(
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom("Иван Петров", "ООО «Ромашка»", "Acme Ltd") },
    { weight: 1, arbitrary: fc.constantFrom("", "\u0000", "x".repeat(300)) },
  ),
  fc.oneof(
    { weight: 4, arbitrary: phoneWriting.map((write) => write(freshNational())) },
    { weight: 1, arbitrary: fc.constantFrom("", "123", "abc", "+7 916") },
  ),
);
const importableCsv: fc.Arbitrary<CsvShape> = hostileCsv
  .filter((shape) => shape.rows.length > 0)
  .chain((shape) =>
    fc
      .array(leadingCells, { minLength: shape.rows.length, maxLength: shape.rows.length })
      .map((leading) => ({
        ...shape,
        header: [HEADER_NAMES.name[0], HEADER_NAMES.phones[0], ...shape.header],
        rows: shape.rows.map((row, i) => [...(leading[i] ?? ["", ""]), ...row]),
      })),
  );

describe("fuzzing the client CSV import", () => {
  it("any file: 2xx/4xx, per-row reasons, only the accepted rows written, exactly", async () => {
    const seen = { fileError: 0, committed: 0, mixed: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileCsv, importableCsv), async (shape) => {
        const bytes = renderCsv(shape);
        const preview = await post("preview", bytes);
        expect(preview.status, JSON.stringify(preview.json)).toBe(200);
        if (!isPlan(preview.json)) throw new Error("preview answered no plan");
        const plan = preview.json;
        for (const row of plan.rows) {
          if (row.action === "reject") expect(row.reasons.length).toBeGreaterThan(0);
          else expect(row.reasons).toEqual([]);
        }
        const before = await snapshot();
        const commit = await post("commit", bytes);
        expect(commit.status === 200 || commit.status === 400, JSON.stringify(commit.json)).toBe(
          true,
        );
        const after = await snapshot();
        if (commit.status === 400) {
          expect(plan.fileError).not.toBeNull();
          expect(commit.json).toMatchObject({ code: "VALIDATION", reason: plan.fileError });
          expect(after).toEqual(before);
          seen.fileError++;
          return;
        }
        seen.committed++;
        if (plan.counts.reject > 0 && plan.counts.create + plan.counts.update > 0) seen.mixed++;
        expect(commit.json).toEqual(plan.counts);
        expect(after.clients.size).toBe(before.clients.size + plan.counts.create);
        // Exactly the numbers of the written rows were added; nothing of a rejected row.
        const written = plan.rows.filter((r) => r.action !== "reject").flatMap((r) => r.phones);
        expect([...after.phones].sort()).toEqual(
          [...new Set([...before.phones, ...written])].sort(),
        );
      }),
      runs(FILE_RUNS),
    );
    // The generator must keep reaching the commit, with rows accepted and rejected side by
    // side, and the whole-file refusals, or the property proves little.
    expect(seen.committed, "files committed").toBeGreaterThan(FILE_RUNS / 4);
    expect(seen.mixed, "commits with accepted and rejected rows").toBeGreaterThan(FILE_RUNS / 10);
    expect(seen.fileError, "files refused whole").toBeGreaterThan(FILE_RUNS / 10);
  });

  it("arbitrary bytes and an unknown mode: 2xx/4xx, nothing written", async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc.string({ unit: "binary", maxLength: 500 }).map((s) => new TextEncoder().encode(s)),
    );
    const mode = fc.constantFrom("preview", "commit", "", "COMMIT", "commit&mode=x");
    await fc.assert(
      fc.asyncProperty(body, mode, async (bytes, m) => {
        const before = await snapshot();
        const { status, json } = await post(m, bytes);
        expect(status < 500, JSON.stringify(json)).toBe(true);
        const after = await snapshot();
        if (m !== "commit" || status !== 200) expect(after).toEqual(before);
      }),
      runs(100),
    );
  });

  it("an oversized or endless upload: 413 without reading it all", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode("Имя;Телефон\n".repeat(20_000)));
      },
    });
    const before = await snapshot();
    expect((await post("commit", endless)).status).toBe(413);
    expect(pulled).toBeLessThan(40);
    expect(await snapshot()).toEqual(before);
  });
});

// ---- a valid file is imported exactly, and its export re-imports unchanged ----

type ValidRow = {
  name: string;
  phones: string[];
  written: string[];
  company: string;
  email: string;
  tags: string[];
  isVip: boolean | null;
  notes: string;
  manager: string;
};

// Text as a spreadsheet holds it: no control characters, no surrounding spaces.
const plainChar = fc
  .integer({ min: 0x20, max: 0x2fff })
  .filter((cp) => cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0) && cp !== 0x2028 && cp !== 0x2029)
  .map((cp) => String.fromCodePoint(cp));
const plainText = (max: number, min = 0) =>
  fc
    .oneof(
      fc.string({ unit: plainChar, minLength: min, maxLength: max }),
      fc.constantFrom(...FORMULAS.filter((f) => !/^[\t\r]/.test(f))),
      fc.constantFrom("Иван Петров", 'ООО "Север"', "Смит, Джон", "a;b", "строка 1\nстрока 2"),
    )
    .map((s) => s.trim())
    .filter((s) => s.length >= min && s.length <= max);
const tagText = plainText(20, 1).filter((t) => !/[,;|\n]/.test(t));

type RowDraft = Omit<ValidRow, "phones" | "written"> & { writings: Array<(n: string) => string> };

const validRow: fc.Arbitrary<RowDraft> = fc
  .record({
    name: plainText(200, 1),
    writings: fc.array(phoneWriting, { minLength: 1, maxLength: 3 }),
    company: plainText(200),
    email: fc.constantFrom("", "anna@example.ru", "Boss@Example.COM"),
    tags: fc.uniqueArray(tagText, { maxLength: 4 }),
    isVip: fc.constantFrom(null, true, false),
    notes: plainText(400),
    manager: fc.constantFrom("", "manager@acme.test"),
  })
  .map(({ writings, ...row }) => ({ ...row, writings }));

// Numbers are handed out when a run executes, not when it is generated: shrinking replays a
// generated value, and a number stored by the first attempt would turn a create into an update.
function withFreshPhones({ writings, ...row }: RowDraft): ValidRow {
  const nationals = writings.map(() => freshNational());
  return {
    ...row,
    phones: nationals.map((n) => `+7${n}`),
    written: nationals.map((n, i) => (writings[i] ?? String)(n)),
  };
}

const COLUMNS: Field[] = [
  "name",
  "phones",
  "company",
  "email",
  "tags",
  "isVip",
  "notes",
  "manager",
];

function validFile(rows: ValidRow[], runTag: string, delimiter: ";" | ",", legacy: boolean) {
  const cell = (v: string) =>
    /["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replaceAll('"', '""')}"` : v;
  const header = COLUMNS.map((f) => HEADER_NAMES[f][0]);
  const lines = rows.map((r) =>
    [
      r.name,
      r.written.join(", "),
      r.company,
      r.email,
      [runTag, ...r.tags].join(", "),
      r.isVip === null ? "" : r.isVip ? "да" : "нет",
      r.notes,
      r.manager,
    ].map(cell),
  );
  const text = [header, ...lines].map((l) => l.join(delimiter)).join("\r\n");
  const cp1251 = legacy ? encodeCp1251(withoutYo(text)) : null;
  return cp1251
    ? { bytes: cp1251, isLegacy: true }
    : { bytes: new TextEncoder().encode(text), isLegacy: false };
}

// Windows-1251 files are written without Ё: its byte could pass for UTF-8 after "Р".
const withoutYo = (v: string) => v.replaceAll("Ё", "Е").replaceAll("ё", "е");

let runNo = 0;

describe("a valid file", () => {
  it("is imported exactly, re-imported as updates, and its export neutralises formulas and re-imports unchanged", async () => {
    const scenario = fc.record({
      rows: fc.array(validRow, { minLength: 1, maxLength: 8 }),
      delimiter: fc.constantFrom(";" as const, "," as const),
      legacy: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ rows: drafts, delimiter, legacy }) => {
        const rows = drafts.map(withFreshPhones);
        const runTag = `run${++runNo}`;
        const { bytes, isLegacy } = validFile(rows, runTag, delimiter, legacy);
        const first = await post("commit", bytes);
        expect(first).toEqual({ status: 200, json: { create: rows.length, update: 0, reject: 0 } });
        for (const row of rows) await expectClient(row, runTag, isLegacy);
        const before = await snapshot();
        const again = await post("commit", bytes);
        expect(again.json).toEqual({ create: 0, update: rows.length, reject: 0 });
        expect((await snapshot()).clients).toEqual(before.clients);

        const csv = await exportClientsCsv(admin, { tag: runTag }, "ru");
        const cells = parseCsvText(csv.replace(/^\ufeff/, ""), ";");
        expect(cells).toHaveLength(rows.length + 1);
        for (const cell of cells.flat()) {
          // Only the phone list may start with "+": digits, spaces and commas, never a formula.
          if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^\+\d[\d ,+]*$/);
        }
        const back = await post("commit", new TextEncoder().encode(csv));
        expect(back.json).toEqual({ create: 0, update: rows.length, reject: 0 });
        for (const row of rows) await expectClient(row, runTag, isLegacy);
      }),
      runs(40),
    );
  });
});

async function expectClient(row: ValidRow, runTag: string, legacy: boolean) {
  const phone = row.phones[0] ?? "";
  const client = await getDb().client.findFirstOrThrow({
    where: { tenantId, phones: { some: { e164: phone } } },
    select: {
      name: true,
      company: true,
      email: true,
      tags: true,
      isVip: true,
      notes: true,
      personalManagerId: true,
      phones: { select: { e164: true } },
    },
  });
  const text = (v: string) => (legacy ? withoutYo(v) : v);
  expect(client.phones.map((p) => p.e164).sort()).toEqual([...row.phones].sort());
  expect(client).toMatchObject({
    name: text(row.name),
    company: row.company === "" ? null : text(row.company),
    email: row.email === "" ? null : row.email.toLowerCase(),
    tags: [runTag, ...row.tags.map(text)],
    notes: row.notes === "" ? null : text(row.notes),
    personalManagerId: row.manager ? managerId : null,
  });
  if (row.isVip !== null) expect(client.isVip).toBe(row.isVip);
}

describe("regressions found by fuzzing", () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it("a NUL in a name rejects that row with a reason instead of failing the import (was HTTP 500)", async () => {
    const national = freshNational();
    const file = utf8(`Имя;Телефон\n\u0000;+7${freshNational()}\nИван Петров;+7${national}`);
    const preview = await post("preview", file);
    expect(preview.json).toMatchObject({
      counts: { create: 1, update: 0, reject: 1 },
      rows: [{ line: 2, action: "reject", reasons: [{ code: "bad_text", field: "name" }] }, {}],
    });
    expect(await post("commit", file)).toEqual({
      status: 200,
      json: { create: 1, update: 0, reject: 1 },
    });
    expect(await getDb().clientPhone.count({ where: { e164: `+7${national}` } })).toBe(1);
  });

  it("export neutralises every formula start, keeps phone lists, and the import takes one apostrophe off", async () => {
    const runTag = `regression${++runNo}`;
    const values = ["+1+cmd|' /C calc'!A0", "'=1+1", "''@SUM(A1)", "-2+3", '=HYPERLINK("x")'];
    const phones = values.map(() => `+7${freshNational()}`);
    for (const [i, company] of values.entries()) {
      await getDb().client.create({
        data: {
          tenantId,
          name: `Клиент ${i}`,
          company,
          tags: [runTag],
          phones: { create: { tenantId, e164: phones[i] ?? "" } },
        },
      });
    }
    const csv = await exportClientsCsv(admin, { tag: runTag }, "ru");
    const rows = parseCsvText(csv.replace(/^\ufeff/, ""), ";").slice(1);
    expect(rows.map((r) => r[1]).sort()).toEqual(
      ["'+1+cmd|' /C calc'!A0", "''=1+1", "'''@SUM(A1)", "'-2+3", `'=HYPERLINK("x")`].sort(),
    );
    expect(rows.map((r) => r[2]).sort()).toEqual([...phones].sort());
    expect((await post("commit", utf8(csv))).json).toEqual({ create: 0, update: 5, reject: 0 });
    const stored = await getDb().client.findMany({ where: { tenantId, tags: { has: runTag } } });
    expect(stored.map((c) => c.company).sort()).toEqual([...values].sort());
  });
});
