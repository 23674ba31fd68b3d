import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { E2E_ADMIN } from "./fixtures";
import { SignInPage } from "./pages/sign-in-page";

type Received = { headers: Record<string, string>; body: string };

// A CRM's webhook receiver on loopback (the e2e server allows it: PULT_WEBHOOK_ALLOW_PRIVATE).
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
      );
      received.push({ headers, body });
      res.writeHead(200, { "content-type": "text/plain" }).end("thanks");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { url: `http://127.0.0.1:${address.port}/pult-hooks`, received, server };
}

test("an admin adds a webhook endpoint, sends a test event and sees it in the delivery log", async ({
  page,
}) => {
  const receiver = await startReceiver();
  try {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
    await page.waitForURL(/\/live$/);

    await page.goto("/settings/webhooks");
    await expect(page.getByTestId("settings-tab-webhooks")).toHaveAttribute("aria-current", "page");

    // A bad address is explained in the form; nothing is created.
    await page.getByTestId("webhooks-add").click();
    const dialog = page.getByTestId("webhook-dialog");
    await dialog.getByTestId("webhook-url-input").fill("crm.example.com/hooks");
    await dialog.getByTestId("webhook-save").click();
    await expect(dialog.getByText("Enter an http:// or https:// address.")).toBeVisible();

    await dialog.getByTestId("webhook-url-input").fill(receiver.url);
    await dialog.getByLabel("Description").fill("amoCRM");
    await dialog.getByTestId("webhook-save").click();

    // The secret is shown once.
    const secretDialog = page.getByTestId("webhook-secret-dialog");
    await expect(secretDialog).toBeVisible();
    const secret = await secretDialog.getByTestId("webhook-secret-value").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByTestId("webhook-secret-done").click();
    await expect(page.getByText(secret)).toHaveCount(0);

    const card = page.getByTestId("webhook-endpoint").filter({ hasText: receiver.url });
    await expect(card).toContainText("Enabled");
    await card.getByTestId("webhook-send-test").click();
    await expect(page.getByTestId("webhooks-notice")).toContainText("test event is on its way");

    // The delivery log shows it delivered, with the receiver's answer.
    const row = card.getByTestId("webhook-delivery").first();
    await expect(row.getByTestId("webhook-delivery-event")).toHaveText("webhook.test");
    await expect(row.getByTestId("webhook-delivery-status")).toHaveText("Delivered", {
      timeout: 15_000,
    });
    await expect(row.getByTestId("webhook-delivery-code")).toHaveText("200");
    await row.getByTestId("webhook-delivery-details").click();
    const details = card.getByTestId("webhook-delivery-body");
    await expect(details).toContainText('"type": "webhook.test"');
    await expect(details).toContainText("thanks");

    // What the receiver got verifies with the secret the admin copied.
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    if (!got) throw new Error("nothing received");
    expect(new Webhook(secret).verify(got.body, got.headers)).toMatchObject({
      type: "webhook.test",
    });
    await expect(details).toContainText(got.headers["webhook-id"] ?? "missing");

    // Resend delivers the same message again, with the same webhook-id.
    await row.getByTestId("webhook-delivery-resend").click();
    await expect(page.getByTestId("webhooks-notice")).toContainText("same webhook-id");
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(2);
    expect(receiver.received[1]?.headers["webhook-id"]).toBe(got.headers["webhook-id"]);

    await page.screenshot({ path: "test-results/webhooks.png", fullPage: true });
  } finally {
    receiver.server.closeAllConnections();
    receiver.server.close();
  }
});
