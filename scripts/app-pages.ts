// Every page of the app, read from app/ (each page.tsx), so a page added later is checked and
// photographed without anyone remembering to list it. Route groups like (console) are not
// part of the URL; a dynamic segment [id] needs a value from the caller.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

export type AppPage = {
  /** The route as written in app/, e.g. "/calls/[id]". */
  route: string;
  /** Under app/(console): needs a signed-in user and shows the console shell. */
  isConsole: boolean;
  /** The page renders nothing and only calls redirect(): visiting it lands elsewhere. */
  isRedirect: boolean;
};

const APP_DIR = path.resolve(import.meta.dirname, "../app");

export function listAppPages(appDir = APP_DIR): AppPage[] {
  const pages: AppPage[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        // api/ holds route handlers; _folders are private (components), not routes.
        if (entry.name === "api" || entry.name.startsWith("_")) continue;
        walk(path.join(dir, entry.name), [...segments, entry.name]);
      } else if (entry.name === "page.tsx") {
        const url = segments.filter((s) => !/^\(.+\)$/.test(s));
        const source = readFileSync(path.join(dir, entry.name), "utf8");
        pages.push({
          route: `/${url.join("/")}`,
          isConsole: segments[0] === "(console)",
          isRedirect: /\bredirect\(/.test(source) && !/<[A-Za-z]/.test(source),
        });
      }
    }
  };
  walk(appDir, []);
  return pages.sort((a, b) => a.route.localeCompare(b.route));
}

/** The URL of a route with its dynamic segments filled in; a missing value is an error. */
export function pagePath(route: string, params: Readonly<Record<string, string>>): string {
  return route.replace(/\[(\w+)\]/g, (_, name: string) => {
    const value = params[`${route}:${name}`] ?? params[name];
    if (!value)
      throw new Error(`No value for [${name}] of ${route}: add one where the pages are visited`);
    return encodeURIComponent(value);
  });
}

/** A file-friendly name: "/calls/[id]" → "calls-id", "/" → "home". */
export function pageName(route: string): string {
  const name = route
    .slice(1)
    .replace(/\[(\w+)\]/g, "$1")
    .replaceAll("/", "-");
  return name || "home";
}
