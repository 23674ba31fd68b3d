// Settings → Speech pointed at the PBX simulator's OpenAI-compatible endpoint, as an admin does
// it in the browser: the transcription journeys then go through the real pipeline.
import { expect, type Browser } from "@playwright/test";
import { E2E_ADMIN } from "../fixtures";
import { ConsoleShell } from "../pages/console-shell";
import { signedIn } from "./pbx";

export async function transcribeWithSimulator(browser: Browser): Promise<void> {
  const page = await signedIn(browser, E2E_ADMIN.email, E2E_ADMIN.password);
  try {
    await new ConsoleShell(page).switchLanguage("en");
    await page.goto("/settings/speech");
    const form = page.getByTestId("speech-form");
    await form.getByTestId("speech-backend-OPENAI").check();
    await form.getByRole("button", { name: "Use the simulator" }).click();
    await form.getByLabel("API key").fill("sk-e2e-simulator-key");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  } finally {
    await page.context().close();
  }
}
