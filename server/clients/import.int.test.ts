import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import type { Actor } from "@/server/policy/actor";
import { exportClientsCsv } from "@/server/clients/export";
import { commitImport, MAX_IMPORT_BYTES, previewImport } from "@/server/clients/import";
import { handleImportRequest } from "@/server/clients/import-request";
import { callRouteAs } from "@/server/testing/actors";

let fixture: TenantFixture | undefined;
let admin: Actor;
let manager: Actor;

const utf8 = (text: string) => new TextEncoder().encode(text);

function cp1251(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((ch) => {
      const code = ch.charCodeAt(0);
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (ch === "ё") return 0xb8;
      throw new Error(`no cp1251 byte for ${ch}`);
    }),
  );
}

beforeAll(async () => {
  fixture = await setUpTenant();
  admin = {
    tenantId: fixture.tenantId,
    userId: fixture.adminId,
    role: "ADMIN",
    apiKeyId: null,
    ip: null,
  };
  const user = await getDb().user.create({
    data: {
      tenantId: fixture.tenantId,
      email: "ivanova@acme.test",
      name: "Иванова",
      role: "MANAGER",
      status: "ACTIVE",
    },
  });
  manager = {
    tenantId: fixture.tenantId,
    userId: user.id,
    role: "MANAGER",
    apiKeyId: null,
    ip: null,
  };
  await getDb().client.create({
    data: {
      tenantId: fixture.tenantId,
      name: "Старый клиент",
      phones: { create: { tenantId: fixture.tenantId, e164: "+74951112233" } },
    },
  });
});

afterAll(async () => {
  await fixture?.teardown();
});

const names = async () =>
  (
    await getDb().client.findMany({
      where: { tenantId: fixture?.tenantId },
      orderBy: { name: "asc" },
      select: { name: true },
    })
  ).map((c) => c.name);

describe("client import", () => {
  it("previews a Windows-1251 file with ';' and writes nothing", async () => {
    const file = cp1251(
      [
        "ФИО;Компания;Телефон;Менеджер;VIP",
        "Новый Клиент;ООО Север;8 (916) 123-45-67;ivanova@acme.test;да",
        "Обновлённый;;+7 495 111-22-33;;",
        "Плохой номер;;8 916 123;;",
      ].join("\r\n"),
    );
    const plan = await previewImport(admin, file);
    expect(plan).toMatchObject({ encoding: "windows-1251", delimiter: ";", fileError: null });
    expect(plan.counts).toEqual({ create: 1, update: 1, reject: 1 });
    expect(plan.rows[2]?.reasons).toEqual([
      { code: "bad_phone", value: "8 916 123", reason: "too_short" },
    ]);
    expect(await names()).toEqual(["Старый клиент"]);
  });

  it("commits the valid rows in one go, with assignments and call links", async () => {
    await getDb().call.create({
      data: {
        tenantId: admin.tenantId,
        externalId: "import-call",
        direction: "IN",
        fromNumber: "+79161234567",
        toNumber: "+74950000000",
        state: "ENDED",
        startedAt: new Date(),
        lastEventAt: new Date(),
      },
    });
    const file = utf8(
      [
        "Name,Company,Phone,Manager,VIP,Tags",
        'Новый Клиент,"ООО ""Север""",8 (916) 123-45-67,ivanova@acme.test,yes,"опт, север"',
        "Обновлённый,,+7 495 111-22-33,,,",
        "Плохой номер,,8 916 123,,,",
      ].join("\n"),
    );
    expect(await commitImport(admin, file)).toEqual({ create: 1, update: 1, reject: 1 });
    expect(await names()).toEqual(["Новый Клиент", "Обновлённый"]);
    const created = await getDb().client.findFirstOrThrow({
      where: { tenantId: admin.tenantId, name: "Новый Клиент" },
      select: {
        id: true,
        company: true,
        isVip: true,
        tags: true,
        personalManagerId: true,
        assignments: { select: { toManagerId: true, reason: true } },
        calls: { select: { externalId: true } },
      },
    });
    expect(created).toMatchObject({
      company: 'ООО "Север"',
      isVip: true,
      tags: ["опт", "север"],
      personalManagerId: manager.userId,
      assignments: [{ toManagerId: manager.userId, reason: "import" }],
      calls: [{ externalId: "import-call" }],
    });
  });

  it("rejects a row with binary data (a NUL) with a reason, writing nothing of it", async () => {
    const before = await names();
    const file = utf8(["Имя;Телефон;Заметки", "Второй;+7 903 000-00-02;bad\u0000byte"].join("\n"));
    expect((await previewImport(admin, file)).rows[0]?.reasons).toEqual([
      { code: "bad_text", field: "notes" },
    ]);
    expect(await commitImport(admin, file)).toEqual({ create: 0, update: 0, reject: 1 });
    expect(await names()).toEqual(before);
    expect(await getDb().clientPhone.count({ where: { e164: "+79030000002" } })).toBe(0);
  });

  it("refuses managers, oversized files and files without the needed columns", async () => {
    await expect(previewImport(manager, utf8("Имя;Телефон\nА;+79030000003"))).rejects.toMatchObject(
      {
        code: "FORBIDDEN",
      },
    );
    await expect(previewImport(admin, new Uint8Array(MAX_IMPORT_BYTES + 1))).rejects.toMatchObject({
      code: "VALIDATION",
      details: { reason: "too_large" },
    });
    expect((await previewImport(admin, utf8("Телефон\n+79030000003"))).fileError).toBe(
      "no_name_column",
    );
  });

  it("exports what it imports: UTF-8 with a BOM and ';'", async () => {
    const csv = await exportClientsCsv(admin, {}, "ru");
    expect(csv.startsWith("\ufeffИмя;Компания;Телефоны;Email;Теги;VIP;Заметки;Менеджер\r\n")).toBe(
      true,
    );
    expect(csv).toContain(
      'Новый Клиент;"ООО ""Север""";+79161234567;;опт, север;да;;ivanova@acme.test',
    );
    const again = await previewImport(admin, utf8(csv));
    expect(again.counts).toEqual({ create: 0, update: 2, reject: 0 });
  });

  // A page of another site can post text/plain or form bodies without a CORS preflight; the
  // import is only ever a text/csv upload (what the import dialog sends).
  it("reads only text/csv uploads over HTTP", async () => {
    const before = await names();
    const post = (contentType: string | null) =>
      callRouteAs(
        handleImportRequest,
        admin,
        new Request("http://localhost/api/clients/import?mode=commit", {
          method: "POST",
          headers: contentType ? { "content-type": contentType } : {},
          body: utf8("Имя;Телефон\nПодложный;+79030000999"),
        }),
        {},
      );
    for (const type of ["text/plain", "application/x-www-form-urlencoded", null]) {
      const response = await post(type);
      expect(response.status, String(type)).toBe(415);
      expect(await response.json()).toMatchObject({
        code: "UNSUPPORTED_MEDIA_TYPE",
        reason: "content_type",
      });
    }
    expect(await names()).toEqual(before);
    expect((await post("text/csv; charset=windows-1251")).status).toBe(200);
    expect(await names()).toContain("Подложный");
  });
});
