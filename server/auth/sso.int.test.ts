// Single sign-on links an IdP identity to a user an admin created; an invitation is the only way
// in for someone new, so an expired one must not be redeemable through the IdP either.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { linkSsoAccount } from "@/server/auth/sso";

let fixture: TenantFixture | undefined;
let nextAccount = 1;

async function invited(email: string, expiresInMs: number | null) {
  const tenantId = fixture?.tenantId ?? "";
  return getDb().user.create({
    data: {
      tenantId,
      email,
      name: email,
      status: "INVITED",
      inviteTokenHash: `hash-${email}`,
      inviteExpiresAt: expiresInMs === null ? null : new Date(Date.now() + expiresInMs),
    },
    select: { id: true },
  });
}

const viaIdp = (email: string) =>
  linkSsoAccount({
    provider: "oidc",
    providerAccountId: `idp-${nextAccount++}`,
    email,
    emailVerified: true,
  });

const statusOf = async (id: string) =>
  (await getDb().user.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

beforeAll(async () => {
  fixture = await setUpTenant();
});

afterAll(async () => {
  await fixture?.teardown();
});

describe("SSO and invitations", () => {
  it("activates a user whose invitation is still open", async () => {
    const user = await invited("fresh@acme.test", 60_000);
    expect(await viaIdp("fresh@acme.test")).toEqual({ userId: user.id });
    expect(await statusOf(user.id)).toBe("ACTIVE");
  });

  it("refuses a user whose invitation has expired, and leaves them invited", async () => {
    const user = await invited("expired@acme.test", -60_000);
    expect(await viaIdp("expired@acme.test")).toBeNull();
    expect(await statusOf(user.id)).toBe("INVITED");
    expect(await getDb().authAccount.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses an invited user without an expiry, and an identity linked before it expired", async () => {
    const open = await invited("no-expiry@acme.test", null);
    expect(await viaIdp("no-expiry@acme.test")).toBeNull();
    expect(await statusOf(open.id)).toBe("INVITED");

    // Linked while the invitation was open, then the row went back to an expired invitation.
    const user = await invited("linked@acme.test", -60_000);
    await getDb().authAccount.create({
      data: {
        tenantId: fixture?.tenantId ?? "",
        userId: user.id,
        provider: "oidc",
        providerAccountId: "idp-linked",
      },
    });
    const again = await linkSsoAccount({
      provider: "oidc",
      providerAccountId: "idp-linked",
      email: null,
      emailVerified: false,
    });
    expect(again).toBeNull();
    expect(await statusOf(user.id)).toBe("INVITED");
  });

  it("with invitations from two companies, lets the invitation link decide, not the IdP", async () => {
    const other = await getDb().tenant.create({ data: { name: "Other" }, select: { id: true } });
    const here = await invited("twice@acme.test", 60_000);
    const there = await getDb().user.create({
      data: {
        tenantId: other.id,
        email: "twice@acme.test",
        name: "Twice",
        status: "INVITED",
        inviteTokenHash: "hash-twice-other",
        inviteExpiresAt: new Date(Date.now() + 60_000),
      },
      select: { id: true },
    });
    expect(await viaIdp("twice@acme.test")).toBeNull();
    expect([await statusOf(here.id), await statusOf(there.id)]).toEqual(["INVITED", "INVITED"]);
    // Once one is accepted, that account is the address's, and the IdP signs into it.
    await getDb().user.update({ where: { id: there.id }, data: { status: "ACTIVE" } });
    expect(await viaIdp("twice@acme.test")).toEqual({ userId: there.id });
    expect(await statusOf(here.id)).toBe("INVITED");
  });

  it("signs an active user in as before", async () => {
    expect(await viaIdp("admin@acme.test")).toEqual({ userId: fixture?.adminId });
  });
});
