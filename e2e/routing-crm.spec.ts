import { createServer, type Server } from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { E2E_ADMIN } from "./fixtures";
import { RoutingPage } from "./pages/routing-page";
import { SignInPage } from "./pages/sign-in-page";
import { connectAndSync, simulator } from "./support/pbx";

// The simulator's sales line parks incoming calls for Pult to decide.
const PARKED_NUMBER = "+74951234567";
const CALLER = "+79990007788";
const CRM_TARGET = "+79990005555";

type Lookup = { headers: Record<string, string>; body: string };

// The CRM's routing lookup on loopback (the e2e server allows it: PULT_WEBHOOK_ALLOW_PRIVATE).
async function startCrm(): Promise<{ url: string; lookups: Lookup[]; server: Server }> {
  const lookups: Lookup[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      lookups.push({
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body,
      });
      const from = (JSON.parse(body) as { data: { from: string } }).data.from;
      if (from !== CALLER) return void res.writeHead(404).end();
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ number: CRM_TARGET }));
      }, 100);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { url: `http://127.0.0.1:${address.port}/route`, lookups, server };
}

async function decisionOf(request: APIRequestContext, callId: string) {
  let decision: unknown = null;
  await expect
    .poll(
      async () => {
        const record = await simulator<{ decision: unknown }>(
          request,
          `/control/calls/${encodeURIComponent(callId)}`,
        );
        decision = record.decision;
        return decision;
      },
      { timeout: 10_000 },
    )
    .not.toBeNull();
  return decision;
}

test("a rule that asks the CRM routes a simulated call by the CRM's answer", async ({ page }) => {
  test.setTimeout(120_000);
  const crm = await startCrm();
  const name = `E2E ask the CRM ${Date.now().toString(36)}`;
  const routing = new RoutingPage(page);
  try {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
    await page.waitForURL(/\/live$/);
    await connectAndSync(page);

    // The lookup address, with its secret shown once.
    await page.goto("/settings/webhooks");
    await page.getByTestId("crm-lookup-url").fill(crm.url);
    await page.getByTestId("crm-lookup-save").click();
    const secretDialog = page.getByTestId("webhook-secret-dialog");
    const secret = await secretDialog.getByTestId("webhook-secret-value").inputValue();
    await secretDialog.getByTestId("webhook-secret-done").click();
    await expect(page.getByTestId("webhooks-notice")).toContainText("lookup address is saved");

    // A rule on the parked line whose action asks the CRM; moved to the top.
    await routing.goto();
    await routing.add.click();
    await routing.editor.getByTestId("rule-name").fill(name);
    await routing.editor.getByLabel(PARKED_NUMBER).check();
    await routing.editor.getByTestId("rule-caller").selectOption("any");
    await routing.editor.getByTestId("rule-action-kind").selectOption("crm");
    await expect(routing.editor.getByTestId("rule-action-crm-timeout")).toHaveValue("1000");
    await routing.save();
    await expect(routing.editor).toBeHidden();
    const rule = routing.rule(name);
    await expect(rule.getByTestId("routing-rule-action")).toContainText("ask the CRM");
    while (!(await rule.getByTestId("routing-rule-up").isDisabled()))
      await rule.getByTestId("routing-rule-up").click();

    // The test panel calls the CRM for real and shows what it answered.
    const result = await routing.runTest(CALLER, PARKED_NUMBER);
    await expect(result.getByTestId("routing-test-outcome")).toHaveText(
      "Transfer to +7 999 000-55-55",
    );
    await expect(result).toContainText(/CRM answered in \d+ ms: \+79990005555/);

    // A call through the PBX goes where the CRM says.
    const { callId } = await simulator<{ callId: string }>(page.request, "/control/calls", {
      from: CALLER,
      to: PARKED_NUMBER,
    });
    expect(await decisionOf(page.request, callId)).toEqual({
      method: "transferCall",
      target: { number: CRM_TARGET },
    });
    await simulator(page.request, `/control/calls/${encodeURIComponent(callId)}/hangup`, {});

    // Every lookup was signed with the secret the admin saw.
    const last = crm.lookups.at(-1);
    if (!last) throw new Error("the CRM was never asked");
    expect(new Webhook(secret).verify(last.body, last.headers)).toMatchObject({
      type: "routing.lookup",
      data: { from: CALLER, to: PARKED_NUMBER },
    });
  } finally {
    await routing.goto();
    if ((await routing.rule(name).count()) > 0) {
      await routing.rule(name).getByTestId("routing-rule-delete").click();
      await page.getByTestId("routing-delete-confirm").click();
    }
    crm.server.closeAllConnections();
    crm.server.close();
  }
});
