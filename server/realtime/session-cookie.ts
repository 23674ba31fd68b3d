import { decode } from "next-auth/jwt";

const COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A malformed cookie is ignored, as browsers do.
    }
  }
  return cookies;
}

/** Reads next-auth's session cookie (possibly split into .0, .1 … chunks) from a socket handshake. */
export async function readSessionToken(
  cookieHeader: string | undefined,
  secret: string,
): Promise<{ uid: string; sv: number } | null> {
  const cookies = parseCookies(cookieHeader);
  for (const name of COOKIE_NAMES) {
    let value = cookies.get(name);
    if (!value) {
      const chunks: string[] = [];
      for (let i = 0; cookies.has(`${name}.${i}`); i++)
        chunks.push(cookies.get(`${name}.${i}`) ?? "");
      value = chunks.join("") || undefined;
    }
    if (!value) continue;
    const token = await decode({ token: value, secret, salt: name }).catch(() => null);
    if (token && typeof token.uid === "string" && typeof token.sv === "number") {
      return { uid: token.uid, sv: token.sv };
    }
  }
  return null;
}
