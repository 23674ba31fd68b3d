// MTT's OAuth return lands on /api/mtt/<key> and sends the admin on to the telephony page. What
// the page says went wrong must come from what Pult recorded, never from text in the address:
// anyone can send an admin a link to /settings/telephony?error=…&detail=<anything>.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/mtt/[key]/route";
import { getDb } from "@/server/db";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { ensureIntegration, getIntegrationView } from "@/server/integrations/integration";

let fixture: TenantFixture | undefined;
let key = "";

async function oauthReturn(params: Record<string, string>): Promise<URL> {
  await getDb().mttIntegration.update({
    where: { notificationKey: key },
    data: { oauthState: "state-1", oauthStateExpiresAt: new Date(Date.now() + 60_000) },
  });
  const url = new URL(`https://pult.example.com/api/mtt/${key}`);
  for (const [name, value] of Object.entries({ state: "state-1", ...params }))
    url.searchParams.set(name, value);
  const response = await GET(new Request(url), { params: Promise.resolve({ key }) });
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location") ?? "");
}

beforeAll(async () => {
  fixture = await setUpTenant({ publicUrl: "https://pult.example.com" });
  key = (await ensureIntegration(fixture.tenantId)).notificationKey;
});

afterAll(async () => {
  await fixture?.teardown();
});

describe("the OAuth return's redirect to the telephony page", () => {
  it("carries only the error code; MTT's words are stored with the integration", async () => {
    const target = await oauthReturn({
      error: "access_denied",
      error_description: "The user declined access",
    });
    expect(target.pathname).toBe("/settings/telephony");
    expect([...target.searchParams.keys()]).toEqual(["error"]);
    expect(target.searchParams.get("error")).toBe("access_denied");
    const view = await getIntegrationView(fixture?.tenantId ?? "", null);
    expect(view.lastError).toContain("The user declined access");
    expect(view.lastErrorAt).not.toBeNull();
  });

  it("a refused state records nothing and says nothing more than its code", async () => {
    await getDb().mttIntegration.update({
      where: { notificationKey: key },
      data: { lastError: null, lastErrorAt: null },
    });
    const url = new URL(`https://pult.example.com/api/mtt/${key}`);
    url.searchParams.set("state", "forged");
    url.searchParams.set("error", "access_denied");
    url.searchParams.set("error_description", "Call +7 999 000-00-00 to restore access");
    const response = await GET(new Request(url), { params: Promise.resolve({ key }) });
    const target = new URL(response.headers.get("location") ?? "");
    expect([...target.searchParams.entries()]).toEqual([["error", "state_mismatch"]]);
    expect((await getIntegrationView(fixture?.tenantId ?? "", null)).lastError).toBeNull();
  });
});
