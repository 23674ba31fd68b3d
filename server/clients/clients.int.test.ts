import { createHmac, randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z, ZodError } from "zod";
import { createCaller } from "@/server/api/root";
import type { SessionUser } from "@/server/auth/session-user";
import { getDb } from "@/server/db";
import { ensureIntegration, saveCredentials } from "@/server/integrations/integration";
import { receiveNotification } from "@/server/integrations/notifications";
import { settleLivePath } from "@/server/calls/live-path";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { restoreDueAssignments } from "@/server/clients/assignments";
import { actorOf } from "@/server/testing/actors";

let fixture: TenantFixture | undefined;
let tenantId = "";
let admin: SessionUser;
let supervisor: SessionUser;
let maria: SessionUser;
let ivan: SessionUser;
let outsider: SessionUser;
let notificationKey = "";
const secret = "clients-secret-123456";

const caller = (user: SessionUser | null) => createCaller({ user, ip: "203.0.113.9" });

async function makeUser(
  tenant: string,
  email: string,
  role: SessionUser["role"],
): Promise<SessionUser> {
  const user = await getDb().user.create({
    data: { tenantId: tenant, email, name: email.split("@")[0] ?? email, role, status: "ACTIVE" },
    select: { id: true, email: true, name: true, role: true, tenantId: true },
  });
  return { ...user, locale: null };
}

async function deliver(type: string, data: Record<string, unknown>) {
  const body = JSON.stringify({
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    data,
  });
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const result = await receiveNotification({
    notificationKey,
    rawBody: body,
    signature,
    contentType: "application/json",
  });
  expect(result.status).toBe(200);
  // Acknowledged once durable; the call is folded right after.
  expect(await settleLivePath()).toBe(true);
}

async function incomingCall(from: string): Promise<string> {
  const callId = randomUUID();
  await deliver("callStarted", { callId, direction: "incoming", from, to: "+74950000000" });
  const call = await getDb().call.findUniqueOrThrow({
    where: { tenantId_externalId: { tenantId, externalId: callId } },
    select: { id: true },
  });
  return call.id;
}

beforeAll(async () => {
  fixture = await setUpTenant();
  tenantId = fixture.tenantId;
  admin = {
    ...(await getDb().user.findUniqueOrThrow({
      where: { id: fixture.adminId },
      select: { id: true, email: true, name: true, role: true, tenantId: true },
    })),
    locale: null,
  };
  supervisor = await makeUser(tenantId, "sveta@acme.test", "SUPERVISOR");
  maria = await makeUser(tenantId, "maria@acme.test", "MANAGER");
  ivan = await makeUser(tenantId, "ivan@acme.test", "MANAGER");
  const other = await getDb().tenant.create({ data: { name: "Other" } });
  outsider = await makeUser(other.id, "boss@other.test", "ADMIN");
  notificationKey = (await ensureIntegration(tenantId)).notificationKey;
  await saveCredentials(actorOf(tenantId, fixture.adminId), {
    clientId: "pult",
    clientSecret: secret,
    signNotifications: true,
  });
});

afterAll(async () => {
  await fixture?.teardown();
});

describe("clients", () => {
  it("creates a client with normalised phones and links earlier calls from its number", async () => {
    const earlier = await incomingCall("+79161234567");
    const created = await caller(maria).clients.create({
      name: "Пётр Ёлкин",
      company: "ООО Ромашка",
      email: "Petr@Romashka.test",
      tags: ["опт", "опт", " "],
      isVip: true,
      personalManagerId: maria.id,
      phones: [{ phone: "8 (916) 123-45-67", label: "мобильный" }, { phone: "+7 495 765 43 21" }],
    });
    const detail = await caller(ivan).clients.get({ clientId: created.id });
    expect(detail.client).toMatchObject({
      name: "Пётр Ёлкин",
      email: "petr@romashka.test",
      tags: ["опт"],
      isVip: true,
      personalManager: { id: maria.id },
    });
    expect(detail.client.phones.map((p) => [p.e164, p.label])).toEqual([
      ["+79161234567", "мобильный"],
      ["+74957654321", null],
    ]);
    expect(detail.calls.map((c) => c.id)).toEqual([earlier]);
    expect(detail.assignments).toHaveLength(1);
    expect(detail.canEdit).toBe(false);
    expect(detail.canAssign).toBe(false);
    const audit = await getDb().auditLog.count({
      where: { tenantId, action: "client.create", targetId: created.id },
    });
    expect(audit).toBe(1);
    // A later call from the same number finds the client at ingest.
    const later = await incomingCall("89161234567");
    const call = await getDb().call.findUniqueOrThrow({
      where: { id: later },
      select: { clientId: true },
    });
    expect(call.clientId).toBe(created.id);
  });

  it("names the client that already has a phone", async () => {
    await caller(admin).clients.create({ name: "Первый", phones: [{ phone: "+7 903 111-22-33" }] });
    const attempt = caller(admin).clients.create({
      name: "Второй",
      phones: [{ phone: "+7 999 000 00 00" }, { phone: "8 903 111 22 33" }],
    });
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const error = await attempt.catch((e: unknown) => e);
    // The error formatter sends these to the form as data.fieldErrors.
    const cause = error instanceof TRPCError ? error.cause : null;
    expect(cause).toBeInstanceOf(ZodError);
    expect(z.flattenError(cause as ZodError).fieldErrors).toEqual({
      "phones.1": ["phone_taken:Первый"],
    });
    expect(await getDb().client.count({ where: { tenantId, name: "Второй" } })).toBe(0);
  });

  it("rejects bad phones and repeated phones in the input", async () => {
    await expect(
      caller(admin).clients.create({ name: "X", phones: [{ phone: "8 916 ABC" }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller(admin).clients.create({
        name: "X",
        phones: [{ phone: "89160000001" }, { phone: "+79160000001" }],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("searches by any part of the name, company, email or phone digits", async () => {
    await caller(admin).clients.create({
      name: "Анна Смирнова",
      company: "Вектор",
      email: "anna@vector.test",
      phones: [{ phone: "+7 812 555-66-77" }],
    });
    const find = async (query: string) =>
      (await caller(maria).clients.list({ query })).items.map((c) => c.name);
    expect(await find("смирн")).toEqual(["Анна Смирнова"]);
    expect(await find("ВЕКТ")).toEqual(["Анна Смирнова"]);
    expect(await find("vector.te")).toEqual(["Анна Смирнова"]);
    expect(await find("555-66")).toEqual(["Анна Смирнова"]);
    expect(await find("8 812 555")).toEqual(["Анна Смирнова"]);
    expect(await find("елкин")).toEqual(["Пётр Ёлкин"]);
    expect(await find("zzz")).toEqual([]);
    // A phone added later is found too (the trigger re-indexes the client).
    const anna = (await caller(admin).clients.list({ query: "Смирнова" })).items[0];
    expect(anna).toBeDefined();
    const detail = await caller(admin).clients.get({ clientId: anna?.id ?? "" });
    await caller(admin).clients.update({
      clientId: detail.client.id,
      name: detail.client.name,
      company: detail.client.company,
      email: detail.client.email,
      tags: detail.client.tags,
      isVip: detail.client.isVip,
      notes: detail.client.notes,
      personalManagerId: null,
      phones: [{ phone: "+7 812 555-66-77" }, { phone: "+7 921 000-11-22" }],
    });
    expect(await find("9210001")).toEqual(["Анна Смирнова"]);
  });

  it("pages through the list with a cursor and filters by manager, tag and VIP", async () => {
    for (let i = 0; i < 5; i++)
      await caller(admin).clients.create({ name: `Пакет ${i}`, tags: ["пакет"], phones: [] });
    const first = await caller(admin).clients.list({ tag: "пакет", limit: 3 });
    expect(first.items.map((c) => c.name)).toEqual(["Пакет 0", "Пакет 1", "Пакет 2"]);
    const second = await caller(admin).clients.list({
      tag: "пакет",
      limit: 3,
      cursor: first.nextCursor,
    });
    expect(second.items.map((c) => c.name)).toEqual(["Пакет 3", "Пакет 4"]);
    expect(second.nextCursor).toBeNull();
    const vip = await caller(admin).clients.list({ isVip: true });
    expect(vip.items.map((c) => c.name)).toEqual(["Пётр Ёлкин"]);
    const marias = await caller(admin).clients.list({ managerId: maria.id });
    expect(marias.items.map((c) => c.name)).toEqual(["Пётр Ёлкин"]);
  });

  it("lets managers edit only their own clients and never reassign", async () => {
    const own = await caller(maria).clients.create({
      name: "Свой",
      phones: [],
      personalManagerId: maria.id,
    });
    const base = { clientId: own.id, name: "Свой", tags: [], isVip: false, phones: [] };
    await caller(maria).clients.update({
      ...base,
      notes: "звонить после 12",
      personalManagerId: maria.id,
    });
    await expect(
      caller(maria).clients.update({ ...base, personalManagerId: ivan.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      caller(ivan).clients.update({ ...base, personalManagerId: maria.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      caller(maria).clients.create({ name: "Чужой", phones: [], personalManagerId: ivan.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      caller(maria).clients.assign({ clientIds: [own.id], toManagerId: ivan.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      caller(maria).clients.setArchived({ clientId: own.id, isArchived: true }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(null).clients.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("keeps tenants apart", async () => {
    const ours = (await caller(admin).clients.list({})).items;
    expect(ours.length).toBeGreaterThan(0);
    expect((await caller(outsider).clients.list({})).items).toEqual([]);
    await expect(
      caller(outsider).clients.get({ clientId: ours[0]?.id ?? "" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      caller(outsider).clients.assign({ clientIds: [ours[0]?.id ?? ""], toManagerId: outsider.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Another tenant may hold the same number.
    await caller(outsider).clients.create({
      name: "Их клиент",
      phones: [{ phone: "+79161234567" }],
    });
  });

  it("moves all clients of one manager to another and restores them after the end date", async () => {
    const a = await caller(admin).clients.create({
      name: "Отпуск А",
      phones: [],
      personalManagerId: ivan.id,
    });
    const b = await caller(admin).clients.create({
      name: "Отпуск Б",
      phones: [],
      personalManagerId: ivan.id,
    });
    const restoreAt = new Date(Date.now() + 60_000);
    const moved = await caller(supervisor).clients.moveAll({
      fromManagerId: ivan.id,
      toManagerId: maria.id,
      restoreAt,
    });
    expect(moved).toEqual({ moved: 2 });
    const job = await getDb().job.findFirstOrThrow({
      where: { tenantId, queue: "clients.restore-assignments" },
      select: { runAt: true, status: true },
    });
    expect(job).toEqual({ runAt: restoreAt, status: "QUEUED" });
    // Б is reassigned again meanwhile: it stays where it was put.
    await caller(supervisor).clients.assign({ clientIds: [b.id], toManagerId: supervisor.id });
    expect(await restoreDueAssignments(tenantId, new Date(restoreAt.getTime() - 1000))).toEqual({
      restored: 0,
      skipped: 0,
    });
    expect(await restoreDueAssignments(tenantId, new Date(restoreAt.getTime() + 1000))).toEqual({
      restored: 1,
      skipped: 1,
    });
    const managerOf = async (id: string) =>
      (
        await getDb().client.findUniqueOrThrow({
          where: { id },
          select: { personalManagerId: true },
        })
      ).personalManagerId;
    expect(await managerOf(a.id)).toBe(ivan.id);
    expect(await managerOf(b.id)).toBe(supervisor.id);
    const history = (await caller(admin).clients.get({ clientId: a.id })).assignments;
    expect(
      history.map((h) => [h.fromManager?.name ?? null, h.toManager?.name ?? null, h.reason]),
    ).toEqual([
      ["maria", "ivan", "restored"],
      ["ivan", "maria", null],
      [null, "ivan", "created"],
    ]);
    expect(
      await getDb().auditLog.count({
        where: { tenantId, targetId: a.id, action: { startsWith: "client.assign" } },
      }),
    ).toBe(2);
    // Running again changes nothing.
    expect(await restoreDueAssignments(tenantId, new Date(restoreAt.getTime() + 2000))).toEqual({
      restored: 0,
      skipped: 0,
    });
  });

  it("auto-creates a client for an unknown caller only when the tenant turned it on", async () => {
    await incomingCall("+79035550001");
    expect(await getDb().clientPhone.count({ where: { tenantId, e164: "+79035550001" } })).toBe(0);
    await getDb().tenant.update({
      where: { id: tenantId },
      data: { settings: { autoCreateClients: true } },
    });
    const callId = await incomingCall("+79035550002");
    const callId2 = await incomingCall("+79035550002");
    const calls = await getDb().call.findMany({
      where: { id: { in: [callId, callId2] } },
      select: { client: { select: { name: true } } },
    });
    expect(calls.map((c) => c.client?.name)).toEqual(["+7 903 555-00-02", "+7 903 555-00-02"]);
    expect(await getDb().clientPhone.count({ where: { tenantId, e164: "+79035550002" } })).toBe(1);
    await getDb().tenant.update({ where: { id: tenantId }, data: { settings: {} } });
  });
});
