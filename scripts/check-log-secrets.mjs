// node --import tsx scripts/check-log-secrets.mjs [log folder]
// Greps the server logs of an e2e run (scripts/e2e.mjs keeps them in e2e/.artifacts/server-logs)
// for the secrets the run used — the fixtures' passwords and client secrets, passwords written
// into the specs, each spec server's PULT_SECRET and the AUTH_SECRET derived from it — and for
// anything shaped like a credential: Bearer tokens, full API keys, JWTs, session cookies,
// "password": / token fields, refresh_token=… values, the notification URL's key. Prints
// file:line and what kind of secret it is, never the secret itself. Exit code 1 on a finding.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { E2E_ADMIN, E2E_OIDC, E2E_SIMULATOR } from "../e2e/fixtures.ts";
import { deriveKey } from "../server/crypto/secret-box.ts";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
export const LOG_DIR = path.join(root, "e2e/.artifacts/server-logs");
export const RUN_SECRETS_FILE = ".run-secrets.json";

const MASKED = String.raw`(?!\[redacted\])`;
/** Credential shapes, whatever their value. */
export const SECRET_SHAPES = [
  [
    "Bearer credential",
    new RegExp(String.raw`\b(?:Bearer|Basic)\s+${MASKED}[A-Za-z0-9._~+/=-]{16,}`, "i"),
  ],
  ["API key", /\bpult_[A-Za-z0-9_-]{43}\b/],
  ["JWT or JWE", /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/],
  [
    "session cookie",
    new RegExp(String.raw`authjs\.(?:session-token|csrf-token)(?:\.\d+)?=${MASKED}[^;\s]{8,}`, "i"),
  ],
  [
    "secret JSON field",
    new RegExp(
      String.raw`"(?:password|passwd|client_?secret|access_?token|refresh_?token|id_?token|api_?key)"\s*:\s*"${MASKED}[^"]+"`,
      "i",
    ),
  ],
  [
    "secret parameter",
    new RegExp(
      String.raw`\b(?:access_token|refresh_token|id_token|client_secret|password)=${MASKED}[^&\s"';]+`,
      "i",
    ),
  ],
  ["notification URL key", new RegExp(String.raw`/api/mtt/${MASKED}[A-Za-z0-9_-]{20,}`)],
];

/** Passwords and secrets written as literals in the e2e sources (new specs are covered too). */
function secretsInSources() {
  const dir = path.join(root, "e2e");
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts") && !f.includes(".artifacts"));
  const literal = /\b\w*(?:password|secret)\w*["']?\s*[:=]\s*["'`]([^"'`\s]{8,})["'`]/gi;
  const found = [];
  for (const file of files) {
    for (const match of readFileSync(path.join(dir, file), "utf8").matchAll(literal))
      if (match[1]) found.push([`a secret written in e2e/${file}`, match[1]]);
  }
  return found;
}

/** Every secret value this run used, by a name that may be printed. */
export function knownSecrets(logDir = LOG_DIR) {
  const secrets = [
    ["the e2e admin password", E2E_ADMIN.password],
    ["the OIDC client secret", E2E_OIDC.clientSecret],
    ["the PBX client secret", E2E_SIMULATOR.clientSecret],
    ["the PBX cabinet password", E2E_SIMULATOR.password],
    ...secretsInSources(),
  ];
  const runFile = path.join(logDir, RUN_SECRETS_FILE);
  if (existsSync(runFile)) {
    const run = JSON.parse(readFileSync(runFile, "utf8"));
    for (const [spec, pultSecret] of Object.entries(run.pultSecrets ?? {})) {
      secrets.push([`PULT_SECRET of ${spec}`, pultSecret]);
      secrets.push([
        `AUTH_SECRET of ${spec}`,
        deriveKey(pultSecret, "auth-secret").toString("base64url"),
      ]);
    }
  }
  const seen = new Set();
  return secrets.filter(([, value]) => {
    if (typeof value !== "string" || value.length < 8 || seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}

/** Findings as { file, line, what }; the secret itself is never part of a finding. */
export function scanLogs(logDir = LOG_DIR, secrets = knownSecrets(logDir)) {
  if (!existsSync(logDir)) return [];
  const findings = [];
  const files = readdirSync(logDir)
    .filter((f) => f.endsWith(".log"))
    .sort();
  for (const file of files) {
    const lines = readFileSync(path.join(logDir, file), "utf8").split("\n");
    lines.forEach((text, index) => {
      for (const [what, value] of secrets)
        if (text.includes(value)) findings.push({ file, line: index + 1, what });
      for (const [what, pattern] of SECRET_SHAPES)
        if (pattern.test(text)) findings.push({ file, line: index + 1, what });
    });
  }
  return findings;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const logDir = path.resolve(process.argv[2] ?? LOG_DIR);
  const files = existsSync(logDir) ? readdirSync(logDir).filter((f) => f.endsWith(".log")) : [];
  const findings = scanLogs(logDir);
  for (const { file, line, what } of findings)
    console.log(`${path.relative(process.cwd(), path.join(logDir, file))}:${line}: ${what}`);
  console.log(
    findings.length === 0
      ? `log secrets: none in ${files.length} server log(s) in ${path.relative(process.cwd(), logDir) || "."}`
      : `log secrets: ${findings.length} finding(s) in ${files.length} server log(s) — the lines above, values not shown`,
  );
  process.exit(findings.length === 0 ? 0 : 1);
}
