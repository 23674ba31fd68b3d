// What a person does in the browser at MTT's login form, done over HTTP for tests and the
// zero-setup demo: open the authorize URL, submit the form with the cabinet login.
function formFields(html: string): { action: string | null; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input\b[^>]*>/g)) {
    const tag = match[0];
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    const value = /\bvalue="([^"]*)"/.exec(tag)?.[1] ?? "";
    if (name)
      fields[name] = value
        .replace(/&amp;/g, "&")
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">");
  }
  const action = /<form\b[^>]*\baction="([^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, "&") ?? null;
  return { action, fields };
}

/** Returns where MTT's login form redirects the browser (the Redirect URI with ?code&state). */
export async function loginAtAuthorizeUrl(
  authorizeUrl: string,
  login: string,
  password: string,
): Promise<string> {
  const page = await fetch(authorizeUrl);
  if (!page.ok) throw new Error(`authorize page answered HTTP ${page.status}`);
  const { action, fields } = formFields(await page.text());
  const target = new URL(action ?? authorizeUrl, authorizeUrl);
  const response = await fetch(target, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, login, password }),
  });
  const location = response.headers.get("location");
  if (response.status < 300 || response.status >= 400 || !location) {
    throw new Error(`login form answered HTTP ${response.status} without a redirect`);
  }
  return new URL(location, target).toString();
}
