import type { SaveSpeechSettingsInput } from "@/lib/schemas/speech";
import { writeAudit } from "@/server/audit/audit";
import { getConfig, requirePultSecret } from "@/server/config";
import { decryptSecret, encryptSecret } from "@/server/crypto/secret-box";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { getSimulatorUrl } from "@/server/integrations/simulator-link";
import type { Actor } from "@/server/policy/actor";
import { describeModelDir } from "@/server/transcripts/local-backend";
import { isSpeechUrlAllowed } from "@/server/transcripts/outbound";

const settingsSelect = {
  backend: true,
  endpoint: true,
  apiKeyEnc: true,
  model: true,
  language: true,
  answeredOnly: true,
  minTalkSec: true,
  directions: true,
  updatedAt: true,
} as const;

export const DEFAULT_SPEECH_SETTINGS = {
  backend: "OFF" as const,
  endpoint: null,
  model: "whisper-1",
  language: "ru",
  answeredOnly: true,
  minTalkSec: 10,
  directions: ["IN", "OUT"] as Array<"IN" | "OUT" | "INTERNAL">,
};

/** What the job needs, the key decrypted: server-side only, never returned to a browser. */
export async function loadSpeechConfig(tenantId: string) {
  const row = await getDb().speechSettings.findUnique({
    where: { tenantId },
    select: settingsSelect,
  });
  if (!row) return { ...DEFAULT_SPEECH_SETTINGS, apiKey: null };
  const { apiKeyEnc, ...rest } = row;
  return { ...rest, apiKey: apiKeyEnc ? decryptSecret(apiKeyEnc, requirePultSecret()) : null };
}
export type SpeechConfig = Awaited<ReturnType<typeof loadSpeechConfig>>;

/** Settings → Speech: the key only as "set or not". */
export async function getSpeechSettings(tenantId: string) {
  const row = await getDb().speechSettings.findUnique({
    where: { tenantId },
    select: settingsSelect,
  });
  const modelDir = getConfig().speechModelDir;
  const model = modelDir ? describeModelDir(modelDir) : null;
  const { apiKeyEnc, ...rest } = row ?? {
    ...DEFAULT_SPEECH_SETTINGS,
    apiKeyEnc: null,
    updatedAt: null,
  };
  return {
    ...rest,
    hasApiKey: apiKeyEnc !== null,
    simulatorUrl: getSimulatorUrl(),
    /** The local engine's model folder (PULT_SPEECH_MODEL_DIR): its name, or why it is unusable. */
    localModel:
      model === null
        ? null
        : typeof model === "string"
          ? { name: null, error: model }
          : { name: model.name, error: null },
  };
}

/** Saves the settings; an omitted key keeps the stored one, an empty one removes it. */
export async function saveSpeechSettings(actor: Actor, input: SaveSpeechSettingsInput) {
  if (input.endpoint && !(await isSpeechUrlAllowed(input.endpoint)))
    throw new AppError("VALIDATION", "The URL points at a private or loopback address", {
      fieldErrors: { endpoint: ["private_url"] },
    });
  if (input.backend === "LOCAL" && !getConfig().speechModelDir)
    throw new AppError("VALIDATION", "No local model folder is configured", {
      fieldErrors: { backend: ["local_unavailable"] },
    });
  const key =
    input.apiKey === undefined
      ? undefined
      : input.apiKey === ""
        ? null
        : encryptSecret(input.apiKey, requirePultSecret());
  const data = {
    backend: input.backend,
    endpoint: input.endpoint ?? null,
    model: input.model,
    language: input.language,
    answeredOnly: input.answeredOnly,
    minTalkSec: input.minTalkSec,
    directions: input.directions,
    ...(key === undefined ? {} : { apiKeyEnc: key }),
  };
  await getDb().$transaction(async (tx) => {
    await tx.speechSettings.upsert({
      where: { tenantId: actor.tenantId },
      create: { tenantId: actor.tenantId, ...data },
      update: data,
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "speech.save",
      targetType: "speech_settings",
      // Never the key: only whether it changed.
      data: {
        backend: input.backend,
        endpoint: input.endpoint ?? null,
        model: input.model,
        keyChanged: key !== undefined,
      },
      ip: actor.ip,
    });
  });
  return getSpeechSettings(actor.tenantId);
}

/** The demo's default: the bundled simulator's speech endpoint, unless the company chose. */
export async function defaultSpeechToSimulator(tenantId: string, simulatorUrl: string) {
  await getDb().speechSettings.createMany({
    data: [{ tenantId, backend: "OPENAI", endpoint: simulatorUrl, model: "pult-simulator" }],
    skipDuplicates: true,
  });
}
