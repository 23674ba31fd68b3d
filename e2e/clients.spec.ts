import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./fixtures";
import { ClientsPage } from "./pages/clients-page";
import { SignInPage } from "./pages/sign-in-page";

// Windows-1251 bytes, as Excel with a Russian locale saves CSV.
function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.charCodeAt(0);
      if (code < 0x80) return code;
      if (ch === "ё") return 0xb8;
      if (ch === "Ё") return 0xa8;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      throw new Error(`no Windows-1251 byte for ${ch}`);
    }),
  );
}

// Numbers unique per run: the e2e data folder may be reused between runs.
const stamp = String(Date.now()).slice(-7);
const seven = (offset: number) => String((Number(stamp) + offset) % 10_000_000).padStart(7, "0");
const dashed = (digits: string) => `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;

// Under a shared, busy CI machine the first queries of a fresh embedded database are slow.
test.slow();

test.beforeEach(async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/live$/);
});

test("a client typed with an 8-prefixed number is stored in E.164, found by search, and its number can't be reused", async ({
  page,
}) => {
  const digits = seven(0);
  const name = `Пётр Ёлкин ${stamp}`;
  const clients = new ClientsPage(page);
  await clients.goto();

  await clients.openNewClient();
  await clients.fillNewClient({ name, company: "ООО Ромашка", phone: `8 (916) ${dashed(digits)}` });
  await expect(clients.phonePreview()).toHaveText(`Will be saved as +7 916 ${dashed(digits)}`);
  await clients.submitNewClient();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("client-title")).toHaveText(name);
  await expect(page.getByTestId("phone-input").first()).toHaveValue(`+7916${digits}`);
  await page.screenshot({ path: "test-results/client-card.png", fullPage: true });

  // Bad input gets a reason before anything is sent.
  await clients.goto();
  await clients.openNewClient();
  await clients.fillNewClient({ name: "Кто-то", phone: "8 916 ABC" });
  await expect(clients.phonePreview()).toHaveText("A phone number can't contain letters.");
  // The same number written differently belongs to the first client: the form says whose it is.
  await clients.fillNewClient({ name: "Кто-то", phone: `+7 916 ${digits}` });
  await clients.submitNewClient();
  await expect(clients.phonePreview()).toHaveText(
    `This number already belongs to the client ${name}.`,
  );
  await page.keyboard.press("Escape");

  // Search by a piece of the number, by a piece of the name (ё = е), and by nonsense.
  await clients.searchFor(dashed(digits).slice(0, 6));
  await expect(clients.row(name)).toHaveCount(1);
  await clients.searchFor(`елкин ${stamp}`);
  await expect(clients.row(name)).toHaveCount(1);
  await expect(page.getByTestId("client-row")).toHaveCount(1);
  await clients.searchFor(`нет такого ${stamp}`);
  await expect(clients.empty).toContainText("No clients match");
});

test("a Windows-1251 CSV with ';' previews the bad row with its reason and imports the rest", async ({
  page,
}) => {
  const first = `Импорт Первый ${stamp}`;
  const second = `Импорт Второй ${stamp}`;
  const csv = [
    "ФИО;Компания;Телефон;VIP",
    `${first};ООО Север;8 (903) ${dashed(seven(1))};да`,
    `${second};;+7 903 ${seven(2)};нет`,
    `Плохой номер ${stamp};;8 903 12;`,
  ].join("\r\n");
  const clients = new ClientsPage(page);
  await clients.goto();
  await clients.previewImport({ name: "clients.csv", buffer: cp1251(csv) });

  await expect(clients.importDialog.getByTestId("import-summary")).toHaveText(
    "New: 2 · updated: 0 · rejected: 1 (Windows-1251, separator “;”)",
  );
  const rejected = clients.importRows("reject");
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toContainText(`Плохой номер ${stamp}`);
  await expect(rejected.getByTestId("import-reason")).toHaveText(
    "“8 903 12”: Too few digits for a phone number.",
  );
  await page.screenshot({ path: "test-results/clients-import-preview.png" });

  await clients.confirmImport();
  await expect(clients.notice).toHaveText("Import finished: 2 new, 0 updated.");
  await clients.searchFor(stamp);
  await expect(clients.row(first)).toHaveCount(1);
  await expect(clients.row(second)).toHaveCount(1);
  await expect(clients.row(`Плохой номер ${stamp}`)).toHaveCount(0);
  await page.screenshot({ path: "test-results/clients-list.png", fullPage: true });
});
