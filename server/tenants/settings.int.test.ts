import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { getTenantSettings, getTenantView, updateTenant } from "@/server/tenants/settings";
import { actorOf } from "@/server/testing/actors";

let fixture: TenantFixture;
let otherTenantUserId = "";
const valid = {
  name: "Acme Trading",
  timeZone: "Asia/Yekaterinburg",
  autoCreateClients: true,
  serviceLevelSec: 15,
  recordingRetentionDays: 180,
  defaultOwnerId: null,
};

beforeAll(async () => {
  fixture = await setUpTenant();
  const other = await getDb().tenant.create({ data: { name: "Other" } });
  const user = await getDb().user.create({
    data: { tenantId: other.id, email: "someone@other.test", name: "Someone", role: "ADMIN" },
  });
  otherTenantUserId = user.id;
});
afterAll(() => fixture?.teardown());

const scope = () => actorOf(fixture.tenantId, fixture.adminId, "ADMIN", "203.0.113.9");

describe("tenant settings", () => {
  it("reads defaults for a new tenant", async () => {
    expect(await getTenantSettings(fixture.tenantId)).toEqual({
      autoCreateClients: false,
      serviceLevelSec: 20,
      recordingRetentionDays: null,
      defaultOwnerId: null,
    });
  });

  it("saves settings, and audits only what changed with before and after", async () => {
    await updateTenant(scope(), { ...valid, defaultOwnerId: fixture.adminId });
    const view = await getTenantView(fixture.tenantId);
    expect(view).toMatchObject({
      name: "Acme Trading",
      timeZone: "Asia/Yekaterinburg",
      settings: { autoCreateClients: true, serviceLevelSec: 15, recordingRetentionDays: 180 },
    });
    expect(view.owners.map((o) => o.id)).toContain(fixture.adminId);
    const audit = await getDb().auditLog.findFirstOrThrow({
      where: { tenantId: fixture.tenantId, action: "tenant.update" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.data).toEqual({
      name: ["Acme", "Acme Trading"],
      timeZone: ["Europe/Moscow", "Asia/Yekaterinburg"],
      autoCreateClients: [false, true],
      serviceLevelSec: [20, 15],
      recordingRetentionDays: [null, 180],
      defaultOwnerId: [null, fixture.adminId],
    });
    expect(audit.ip).toBe("203.0.113.9");
  });

  it("refuses a default owner from another tenant and keeps the stored settings", async () => {
    await expect(
      updateTenant(scope(), { ...valid, serviceLevelSec: 99, defaultOwnerId: otherTenantUserId }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await getTenantSettings(fixture.tenantId)).serviceLevelSec).toBe(15);
  });

  it("falls back to defaults key by key when the stored JSON is damaged", async () => {
    await getDb().tenant.update({
      where: { id: fixture.tenantId },
      data: { settings: { autoCreateClients: "yes", serviceLevelSec: 30, unknownKey: 1 } },
    });
    expect(await getTenantSettings(fixture.tenantId)).toMatchObject({
      autoCreateClients: false,
      serviceLevelSec: 30,
    });
  });
});
