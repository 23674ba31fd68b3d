import type { Page } from "@playwright/test";

// Kept as source text: tsx (scripts/screenshots.ts) adds helpers to compiled functions that
// do not exist inside the page, so a function passed to page.evaluate would break there.
const PROBE = `(() => {
  const problems = [];
  const describe = (el) => {
    const testId = el.getAttribute("data-testid");
    const cls = typeof el.className === "string" ? el.className.split(" ")[0] : "";
    return "<" + el.tagName.toLowerCase() + (testId ? ' data-testid="' + testId + '"' : "") +
      (cls ? ' class="' + cls + '…"' : "") + ">";
  };
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth + 1)
    problems.push("the page is " + root.scrollWidth + "px wide in a " + window.innerWidth + "px window");
  const main = document.querySelector("main");
  if (!main) return problems;
  if (main.scrollWidth > main.clientWidth + 1) {
    const edge = main.getBoundingClientRect().right;
    const culprits = [...main.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > edge + 1)
      .slice(0, 3)
      .map(describe);
    problems.push("the main content is " + (main.scrollWidth - main.clientWidth) +
      "px wider than its column: " + culprits.join(", "));
  }
  for (const el of main.querySelectorAll("*")) {
    const overflowX = getComputedStyle(el).overflowX;
    if (overflowX !== "auto" && overflowX !== "scroll") continue;
    if (el.scrollWidth <= el.clientWidth + 1 || el.closest("[data-scroll-x]")) continue;
    problems.push(describe(el) + " hides " + (el.scrollWidth - el.clientWidth) +
      "px sideways with no visible hint (use ScrollX)");
  }
  return problems;
})()`;

/**
 * What is wrong with the page's width, in words (empty when nothing is): the page wider than
 * the window, the main content wider than its column (naming the widest culprits), or a box
 * inside it that scrolls sideways without the visible hint of lib/ui/scroll-x (data-scroll-x).
 */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  const result: unknown = await page.evaluate(PROBE);
  return Array.isArray(result)
    ? result.map(String)
    : [`the layout probe returned ${String(result)}`];
}
