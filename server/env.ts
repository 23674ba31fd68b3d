import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const postgresUrl = z
  .string()
  .url("must be a URL like postgresql://user@host:5432/db")
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must start with postgresql://");

// Empty strings count as unset: `FOO= npm start` and blank lines in .env files are common.
const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(emptyAsUndefined, schema.optional());

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
    HOST: z.preprocess(emptyAsUndefined, z.string().default("0.0.0.0")),
    PUBLIC_URL: optional(z.string().url("must be an absolute URL like https://pult.example.com")),
    DATABASE_URL: optional(postgresUrl),
    DATABASE_POOL_MAX: z.preprocess(
      emptyAsUndefined,
      z.coerce.number().int().min(1).max(200).default(10),
    ),
    DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("./.pult")),
    // How long the PBX keeps resending a notification; a longer outage means calls were lost.
    PULT_PBX_RETRY_SEC: z.preprocess(
      emptyAsUndefined,
      z.coerce.number().int().min(1).max(86_400).default(600),
    ),
    // How far V8 lets the heap grow past what is live before it collects again (0: V8's own,
    // up to about 4×). docs/live-path.md, "Memory".
    PULT_HEAP_GROWTH_PERCENT: z.preprocess(
      emptyAsUndefined,
      z.coerce.number().int().min(0).max(300).default(20),
    ),
    // A conversation silent for longer is checked with the PBX and closed if it no longer has it.
    PULT_MAX_TALK_SEC: z.preprocess(
      emptyAsUndefined,
      z.coerce
        .number()
        .int()
        .min(60)
        .max(7 * 86_400)
        .default(14_400),
    ),
    REDIS_URL: optional(
      z.string().refine((v) => /^rediss?:\/\/.+/.test(v), "must start with redis:// or rediss://"),
    ),
    PULT_SECRET: optional(
      z.string().min(32, "must be at least 32 characters (e.g. openssl rand -base64 48)"),
    ),
    PULT_ADMIN_EMAIL: z.preprocess(
      emptyAsUndefined,
      z.email("must be an email address").default("admin@pult.local"),
    ),
    PULT_ADMIN_PASSWORD: optional(z.string().min(10, "must be at least 10 characters")),
    PULT_TENANT_NAME: z.preprocess(emptyAsUndefined, z.string().min(1).max(120).default("Pult")),
    // A public-API key for the first company, created on start if no key has this value.
    PULT_API_KEY: optional(
      z
        .string()
        .min(32, "must be at least 32 characters (e.g. pult_ followed by openssl rand -hex 32)")
        .max(256, "must be at most 256 characters")
        .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces"),
    ),
    AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
    AUTH_OIDC_ISSUER: optional(
      z.string().url("must be the issuer URL of your OpenID Connect provider"),
    ),
    AUTH_OIDC_CLIENT_ID: optional(z.string().min(1)),
    AUTH_OIDC_CLIENT_SECRET: optional(z.string().min(1)),
    AUTH_OIDC_NAME: z.preprocess(emptyAsUndefined, z.string().min(1).default("SSO")),
    TRUST_PROXY: z.preprocess(emptyAsUndefined, booleanFlag.default(false)),
    // MTT's API and OAuth addresses on private, loopback or link-local networks (a simulator
    // or proxy of your own). The bundled simulator is reachable without it.
    PULT_MTT_ALLOW_PRIVATE: z.preprocess(emptyAsUndefined, booleanFlag.default(false)),
    // Webhook endpoints and the CRM lookup URL on private, loopback or link-local networks (a CRM
    // inside the office network). Otherwise refused on save and at every connection.
    PULT_WEBHOOK_ALLOW_PRIVATE: z.preprocess(emptyAsUndefined, booleanFlag.default(false)),
    // A speech service (OpenAI-compatible) on private, loopback or link-local networks (a
    // recogniser of your own in the office network). The bundled simulator is reachable without it.
    PULT_SPEECH_ALLOW_PRIVATE: z.preprocess(emptyAsUndefined, booleanFlag.default(false)),
    // The folder of a sherpa-onnx model for the local speech backend (docs/transcription.md).
    PULT_SPEECH_MODEL_DIR: optional(z.string().min(1)),
    PULT_SIMULATOR: optional(booleanFlag),
    PULT_DEMO: optional(booleanFlag),
    PULT_DEMO_TRAFFIC: z.preprocess(emptyAsUndefined, booleanFlag.default(true)),
    SIMULATOR_PORT: z.preprocess(
      emptyAsUndefined,
      z.coerce.number().int().min(1).max(65535).default(4010),
    ),
    SIMULATOR_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().min(1).default("pult-demo")),
    SIMULATOR_CLIENT_SECRET: z.preprocess(
      emptyAsUndefined,
      z.string().min(8).default("pult-demo-secret"),
    ),
    SIMULATOR_LOGIN: z.preprocess(emptyAsUndefined, z.string().min(1).default("demo")),
    SIMULATOR_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(1).default("demo-password")),
    LOG_LEVEL: z.preprocess(
      emptyAsUndefined,
      z.enum(["debug", "info", "warn", "error"]).default("info"),
    ),
    // S3-compatible storage for call recordings; all five or none (then DATA_DIR/recordings).
    S3_ENDPOINT: optional(
      z.string().url("must be a URL like https://s3.eu-central-1.amazonaws.com"),
    ),
    S3_BUCKET: optional(z.string().min(3).max(63)),
    S3_ACCESS_KEY_ID: optional(z.string().min(1)),
    S3_SECRET_ACCESS_KEY: optional(z.string().min(1)),
    S3_REGION: optional(z.string().min(1)),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_CLIENT_ID, env.AUTH_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const key of [
        "AUTH_OIDC_ISSUER",
        "AUTH_OIDC_CLIENT_ID",
        "AUTH_OIDC_CLIENT_SECRET",
      ] as const) {
        if (!env[key]) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "is required when single sign-on is configured",
          });
        }
      }
    }
    const s3 = [
      "S3_ENDPOINT",
      "S3_BUCKET",
      "S3_ACCESS_KEY_ID",
      "S3_SECRET_ACCESS_KEY",
      "S3_REGION",
    ] as const;
    if (s3.some((key) => env[key]) && !s3.every((key) => env[key])) {
      for (const key of s3.filter((k) => !env[k])) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "is required when S3 storage for recordings is configured",
        });
      }
    }
    if (env.DATABASE_URL && !env.PULT_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["PULT_SECRET"],
        message:
          "is required with DATABASE_URL (it encrypts secrets at rest; keep it the same on every instance)",
      });
    }
  });

export type Config = {
  nodeEnv: "development" | "production" | "test";
  isDev: boolean;
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  dataDir: string;
  pbxRetryWindowMs: number;
  maxTalkMs: number;
  heapGrowthPercent: number;
  redisUrl: string | undefined;
  pultSecret: string | undefined;
  adminEmail: string;
  adminPassword: string | undefined;
  tenantName: string;
  apiKey: string | undefined;
  authSecret: string | undefined;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | undefined;
  trustProxy: boolean;
  /** Let MTT's API and OAuth addresses be private, loopback or link-local ones. */
  mttAllowPrivate: boolean;
  /** Let webhook endpoints and the CRM lookup URL be private, loopback or link-local ones. */
  webhookAllowPrivate: boolean;
  /** Let the speech service's endpoint be a private, loopback or link-local address. */
  speechAllowPrivate: boolean;
  /** The local speech backend's model folder (sherpa-onnx); unset: that backend is unavailable. */
  speechModelDir: string | undefined;
  simulator:
    | { port: number; clientId: string; clientSecret: string; login: string; password: string }
    | undefined;
  demo: { enabled: boolean; traffic: boolean };
  logLevel: "debug" | "info" | "warn" | "error";
  s3:
    | {
        endpoint: string;
        bucket: string;
        accessKeyId: string;
        secretAccessKey: string;
        region: string;
      }
    | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment once; every problem names its variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join(".") || "environment"} ${issue.message}`,
      ),
    );
  }
  const env = parsed.data;
  const oidc =
    env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID && env.AUTH_OIDC_CLIENT_SECRET
      ? {
          issuer: env.AUTH_OIDC_ISSUER,
          clientId: env.AUTH_OIDC_CLIENT_ID,
          clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
          name: env.AUTH_OIDC_NAME,
        }
      : undefined;
  return {
    nodeEnv: env.NODE_ENV,
    isDev: env.NODE_ENV === "development",
    port: env.PORT,
    host: env.HOST,
    // localhost, not 127.0.0.1: Next rewrites 127.0.0.1 to localhost, which breaks OAuth redirect URIs.
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    databaseUrl: env.DATABASE_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    dataDir: path.resolve(env.DATA_DIR),
    pbxRetryWindowMs: env.PULT_PBX_RETRY_SEC * 1000,
    maxTalkMs: env.PULT_MAX_TALK_SEC * 1000,
    heapGrowthPercent: env.PULT_HEAP_GROWTH_PERCENT,
    redisUrl: env.REDIS_URL,
    pultSecret: env.PULT_SECRET,
    adminEmail: env.PULT_ADMIN_EMAIL.toLowerCase(),
    adminPassword: env.PULT_ADMIN_PASSWORD,
    tenantName: env.PULT_TENANT_NAME,
    apiKey: env.PULT_API_KEY,
    authSecret: env.AUTH_SECRET,
    oidc,
    trustProxy: env.TRUST_PROXY,
    mttAllowPrivate: env.PULT_MTT_ALLOW_PRIVATE,
    webhookAllowPrivate: env.PULT_WEBHOOK_ALLOW_PRIVATE,
    speechAllowPrivate: env.PULT_SPEECH_ALLOW_PRIVATE,
    speechModelDir: env.PULT_SPEECH_MODEL_DIR ? path.resolve(env.PULT_SPEECH_MODEL_DIR) : undefined,
    // The bundled PBX simulator and the demo default to on only for the zero-setup embedded mode.
    simulator:
      (env.PULT_SIMULATOR ?? !env.DATABASE_URL) || env.PULT_DEMO === true
        ? {
            port: env.SIMULATOR_PORT,
            clientId: env.SIMULATOR_CLIENT_ID,
            clientSecret: env.SIMULATOR_CLIENT_SECRET,
            login: env.SIMULATOR_LOGIN,
            password: env.SIMULATOR_PASSWORD,
          }
        : undefined,
    demo: { enabled: env.PULT_DEMO ?? !env.DATABASE_URL, traffic: env.PULT_DEMO_TRAFFIC },
    logLevel: env.LOG_LEVEL,
    s3:
      env.S3_ENDPOINT &&
      env.S3_BUCKET &&
      env.S3_ACCESS_KEY_ID &&
      env.S3_SECRET_ACCESS_KEY &&
      env.S3_REGION
        ? {
            endpoint: env.S3_ENDPOINT.replace(/\/+$/, ""),
            bucket: env.S3_BUCKET,
            accessKeyId: env.S3_ACCESS_KEY_ID,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY,
            region: env.S3_REGION,
          }
        : undefined,
  };
}

/**
 * Embedded mode generates PULT_SECRET on first start and keeps it next to the data it protects,
 * so a restart can still decrypt stored tokens. With a real database it must come from the env.
 */
export function resolvePultSecret(config: Config): { secret: string; generated: boolean } {
  if (config.pultSecret) return { secret: config.pultSecret, generated: false };
  const file = path.join(config.dataDir, "secret.key");
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return { secret, generated: false };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, generated: true };
}
