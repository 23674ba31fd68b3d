import { describe, expect, it } from "vitest";
import type { ParsedCsv } from "@/server/clients/csv";
import { mapColumns, parseVip } from "@/server/clients/import-columns";
import { planImport, type ImportLookups } from "@/server/clients/import-plan";

const lookups: ImportLookups = {
  clientByPhone: new Map([
    ["+74951112233", { clientId: "c-1", clientName: "Existing One" }],
    ["+74951112244", { clientId: "c-1", clientName: "Existing One" }],
    ["+74954445566", { clientId: "c-2", clientName: "Existing Two" }],
  ]),
  managerIdByEmail: new Map([["ivanova@acme.test", "u-1"]]),
};

function csv(rows: string[][]): ParsedCsv {
  return { encoding: "utf-8", delimiter: ";", rows };
}

describe("mapColumns", () => {
  it("understands Russian and English headers, and several phone columns", () => {
    expect(
      mapColumns(["ФИО", "Компания", "Телефон 1", "Телефон 2", "E-mail", "Менеджер", "Other"]),
    ).toEqual(["name", "company", "phones", "phones", "email", "manager", null]);
    expect(mapColumns(["\ufeffName", "Phones", "Tags", "VIP", "Notes", "Name"])).toEqual([
      "name",
      "phones",
      "tags",
      "isVip",
      "notes",
      null,
    ]);
  });
});

describe("parseVip", () => {
  it("accepts yes/no words in both languages", () => {
    expect(parseVip("да")).toBe(true);
    expect(parseVip("Yes")).toBe(true);
    expect(parseVip("")).toBe(false);
    expect(parseVip("нет")).toBe(false);
    expect(parseVip("maybe")).toBeNull();
  });
});

describe("planImport", () => {
  it("classifies rows as create, update or reject with reasons", () => {
    const plan = planImport(
      csv([
        ["Имя", "Телефон", "Email", "VIP", "Менеджер"],
        ["Новый клиент", "8 (916) 123-45-67", "new@x.test", "да", "Ivanova@acme.test"],
        ["", "+7 495 111-22-33", "", "", ""],
        ["Плохой номер", "8 916 ABC", "", "", ""],
        ["Дубль", "+79161234567", "", "", ""],
        ["Без имени", "", "", "", ""],
        ["Чужой менеджер", "+7 926 000-00-00", "", "", "nobody@acme.test"],
        ["", "+7 903 000-00-00", "", "", ""],
        ["Два клиента", "+74951112244, +74954445566", "", "", ""],
        ["Плохая почта", "+7 903 000-00-01", "not-an-email", "может", ""],
      ]),
      lookups,
    );
    expect(plan.fileError).toBeNull();
    expect(plan.counts).toEqual({ create: 1, update: 1, reject: 7 });
    const [create, update, badPhone, dup, noPhone, manager, noName, twoClients, badEmail] =
      plan.rows;
    expect(create).toMatchObject({
      line: 2,
      action: "create",
      phones: ["+79161234567"],
      isVip: true,
      managerId: "u-1",
      email: "new@x.test",
    });
    expect(update).toMatchObject({ action: "update", clientId: "c-1", clientName: "Existing One" });
    expect(badPhone?.reasons).toEqual([
      { code: "bad_phone", value: "8 916 ABC", reason: "letters" },
    ]);
    expect(dup?.reasons).toEqual([{ code: "duplicate_in_file", value: "+79161234567", line: 2 }]);
    expect(noPhone?.reasons).toEqual([{ code: "no_phone" }]);
    expect(manager?.reasons).toEqual([{ code: "unknown_manager", value: "nobody@acme.test" }]);
    expect(noName?.reasons).toEqual([{ code: "missing_name" }]);
    expect(twoClients?.reasons).toEqual([
      { code: "phones_of_different_clients", names: ["Existing One", "Existing Two"] },
    ]);
    expect(badEmail?.reasons).toEqual([
      { code: "bad_email", value: "not-an-email" },
      { code: "bad_vip", value: "может" },
    ]);
  });

  it("lets a later row use a number whose first row was rejected", () => {
    const plan = planImport(
      csv([
        ["Name", "Phone", "Manager"],
        ["First", "+79161234567", "ghost@acme.test"],
        ["Second", "+79161234567", ""],
      ]),
      lookups,
    );
    expect(plan.rows.map((r) => r.action)).toEqual(["reject", "create"]);
  });

  it("reports files it cannot read as a whole", () => {
    expect(planImport(csv([["Name", "Phone"]]), lookups).fileError).toBe("empty");
    expect(planImport(csv([["Phone"], ["+79161234567"]]), lookups).fileError).toBe(
      "no_name_column",
    );
    expect(planImport(csv([["Name"], ["Ivan"]]), lookups).fileError).toBe("no_phone_column");
  });
});
