import { describe, expect, it } from "vitest";
import { buildRecordingFilename, contentDisposition } from "@/server/recordings/filename";

const startedAt = new Date("2026-11-26T11:05:30Z");

describe("buildRecordingFilename", () => {
  it("uses the company's local time, client and manager", () => {
    expect(
      buildRecordingFilename({
        startedAt,
        timeZone: "Europe/Moscow",
        client: "Анна Клиентова",
        manager: "Мария Петрова",
        format: "wav",
      }),
    ).toBe("2026-11-26_14-05_Анна Клиентова_Мария Петрова.wav");
  });

  it("drops missing names, cleans reserved characters and numbers parts", () => {
    expect(
      buildRecordingFilename({
        startedAt,
        timeZone: "UTC",
        client: 'ООО "Ромашка" / склад\n',
        manager: null,
        format: "mp3",
        part: 2,
      }),
    ).toBe("2026-11-26_11-05_ООО Ромашка склад_part2.mp3");
    expect(
      buildRecordingFilename({
        startedAt,
        timeZone: "UTC",
        client: null,
        manager: null,
        format: "../x",
      }),
    ).toBe("2026-11-26_11-05.bin");
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the UTF-8 name per RFC 5987", () => {
    const header = contentDisposition("2026-11-26_14-05_Анна (VIP)'s.wav", "attachment");
    expect(header).toBe(
      `attachment; filename="2026-11-26_14-05_____ (VIP)'s.wav"; filename*=UTF-8''2026-11-26_14-05_%D0%90%D0%BD%D0%BD%D0%B0%20%28VIP%29%27s.wav`,
    );
    expect(decodeURIComponent(header.split("''")[1] ?? "")).toBe(
      "2026-11-26_14-05_Анна (VIP)'s.wav",
    );
    expect(contentDisposition("a.wav", "inline")).toMatch(/^inline; filename="a.wav"/);
  });
});
