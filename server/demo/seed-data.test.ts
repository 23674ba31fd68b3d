import { describe, expect, it } from "vitest";
import { buildDemoClients, transliterate } from "@/server/demo/seed-data";

describe("demo clients", () => {
  it("are deterministic, with unique E.164 mobile numbers", () => {
    const clients = buildDemoClients(300);
    expect(buildDemoClients(300)).toEqual(clients);
    const phones = clients.flatMap((c) => c.phones);
    expect(new Set(phones).size).toBe(phones.length);
    for (const phone of phones) expect(phone).toMatch(/^\+79\d{9}$/);
  });

  it("mostly have a personal manager", () => {
    const share = buildDemoClients(300).filter((c) => c.hasManager).length / 300;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.9);
  });

  it("transliterates names for emails", () => {
    expect(transliterate("Дарья Фёдорова")).toBe("darya.fedorova");
  });
});
