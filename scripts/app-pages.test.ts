import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listAppPages, pageName, pagePath } from "@/scripts/app-pages";

const PAGE = "export default function Page() {\n  return <main>Hi</main>;\n}\n";
const REDIRECT =
  'import { redirect } from "next/navigation";\nexport default function Page() {\n  redirect("/live");\n}\n';

function appDir(files: Record<string, string> | string[]): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "pult-pages-"));
  const entries = Array.isArray(files)
    ? files.map((f) => [f, PAGE] as const)
    : Object.entries(files);
  for (const [file, text] of entries) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe("listAppPages", () => {
  it("finds every page.tsx, drops route groups, and skips api/ and private folders", () => {
    const root = appDir([
      "page.tsx",
      "signin/page.tsx",
      "(console)/live/page.tsx",
      "(console)/calls/[id]/page.tsx",
      "(console)/calls/_components/page.tsx",
      "api/health/route.ts",
      "api/odd/page.tsx",
    ]);
    expect(listAppPages(root).map(({ route, isConsole }) => ({ route, isConsole }))).toEqual([
      { route: "/", isConsole: false },
      { route: "/calls/[id]", isConsole: true },
      { route: "/live", isConsole: true },
      { route: "/signin", isConsole: false },
    ]);
  });

  it("tells a page that only redirects from one that renders", () => {
    const root = appDir({ "page.tsx": REDIRECT, "(console)/live/page.tsx": PAGE });
    expect(listAppPages(root).map((p) => [p.route, p.isRedirect])).toEqual([
      ["/", true],
      ["/live", false],
    ]);
  });

  it("sees this app's console pages, including the call page", () => {
    const pages = listAppPages();
    const routes = pages.map((p) => p.route);
    expect(pages.find((p) => p.route === "/settings")?.isRedirect).toBe(true);
    expect(pages.find((p) => p.route === "/reports")?.isRedirect).toBe(false);
    expect(routes).toContain("/reports");
    expect(routes).toContain("/calls/[id]");
    expect(routes).not.toContain("/api/health");
  });
});

describe("pagePath", () => {
  it("fills dynamic segments, preferring a value given for that route", () => {
    expect(pagePath("/calls/[id]", { id: "c1" })).toBe("/calls/c1");
    expect(pagePath("/clients/[id]", { id: "c1", "/clients/[id]:id": "k7" })).toBe("/clients/k7");
  });

  it("refuses a route whose value nobody provided, naming it", () => {
    expect(() => pagePath("/invite/[token]", {})).toThrow("[token] of /invite/[token]");
  });
});

describe("pageName", () => {
  it("makes file names of routes", () => {
    expect(pageName("/")).toBe("home");
    expect(pageName("/settings/api-keys")).toBe("settings-api-keys");
    expect(pageName("/calls/[id]")).toBe("calls-id");
  });
});
