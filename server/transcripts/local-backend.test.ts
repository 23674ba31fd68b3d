import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { placeClips } from "@/server/pbx-simulator/conversation";
import { renderPlanWav } from "@/server/pbx-simulator/wav";
import { splitChannels } from "@/server/transcripts/channel-audio";
import {
  createLocalTranscriber,
  describeModelDir,
  phrasesOf,
} from "@/server/transcripts/local-backend";
import { nextTick } from "@/server/talk-analytics/pause";

// The local engine (sherpa-onnx). Recognition itself needs a model, which no npm package ships:
// it runs when PULT_SPEECH_MODEL_DIR names a Russian model folder (docs/transcription.md) and is
// reported as skipped otherwise.
const MODEL_DIR = process.env.PULT_SPEECH_MODEL_DIR;
if (!MODEL_DIR)
  console.info(
    "local speech engine: recognition test skipped — set PULT_SPEECH_MODEL_DIR to a sherpa-onnx Russian model folder to run it",
  );

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function folderWith(name: string, files: string[]) {
  const root = await mkdtemp(path.join(os.tmpdir(), "pult-model-"));
  folders.push(root);
  const dir = path.join(root, name);
  await import("node:fs/promises").then((fs) => fs.mkdir(dir));
  for (const file of files) await writeFile(path.join(dir, file), "");
  return dir;
}

describe("the local engine", () => {
  it("loads sherpa-onnx-node's native addon from npm on this platform", () => {
    const sherpa = createRequire(import.meta.url)("sherpa-onnx-node") as {
      OfflineRecognizer?: { createAsync?: unknown };
    };
    expect(typeof sherpa.OfflineRecognizer?.createAsync).toBe("function");
  });

  it("reads a model folder: a transducer (int8 preferred), GigaAM/NeMo, or a CTC model", async () => {
    const zipformer = await folderWith("sherpa-onnx-zipformer-ru-2024-09-18", [
      "tokens.txt",
      "encoder.onnx",
      "encoder.int8.onnx",
      "decoder.onnx",
      "joiner.int8.onnx",
    ]);
    const described = describeModelDir(zipformer);
    if (typeof described === "string") throw new Error(described);
    expect(described.config).toMatchObject({
      modelConfig: {
        transducer: {
          encoder: path.join(zipformer, "encoder.int8.onnx"),
          decoder: path.join(zipformer, "decoder.onnx"),
          joiner: path.join(zipformer, "joiner.int8.onnx"),
        },
      },
    });
    const giga = await folderWith("sherpa-onnx-nemo-transducer-giga-am-v2-russian-2025-04-19", [
      "tokens.txt",
      "encoder.int8.onnx",
      "decoder.onnx",
      "joiner.onnx",
    ]);
    expect(describeModelDir(giga)).toMatchObject({
      config: { modelConfig: { modelType: "nemo_transducer" } },
    });
    const ctc = await folderWith("sherpa-onnx-nemo-ctc-giga-am-russian", [
      "tokens.txt",
      "model.int8.onnx",
    ]);
    expect(describeModelDir(ctc)).toMatchObject({
      config: { modelConfig: { nemoCtc: { model: path.join(ctc, "model.int8.onnx") } } },
    });
    expect(describeModelDir(await folderWith("empty", ["tokens.txt"]))).toMatch(/neither/);
    expect(describeModelDir("/nonexistent/model")).toMatch(/does not exist/);
  });

  it("joins speech into phrases at pauses, never longer than 20 s", () => {
    expect(
      phrasesOf([
        [0, 1000],
        [1300, 2000],
        [3000, 4000],
        [4100, 25_000],
      ]),
    ).toEqual([
      [0, 2000],
      [3000, 4000],
      [4100, 25_000],
    ]);
  });

  it.skipIf(!MODEL_DIR)(
    "recognises Russian 8 kHz phone speech with the configured model",
    async () => {
      const turns = placeClips([
        { clipId: "manager-greeting-3-male", startMs: 500 },
        { clipId: "manager-closing-1-male", startMs: 4000 },
      ]);
      const wav = renderPlanWav(turns, { durationMs: 9000, seed: "local-engine" });
      const [manager] = await splitChannels(wav, nextTick);
      if (!manager) throw new Error("no channel");
      const segments = await createLocalTranscriber(MODEL_DIR ?? "").transcribe(manager, "ru");
      const text = segments.map((s) => s.text.toLowerCase()).join(" ");
      expect(text).toMatch(/здравствуйте|слушаю/);
      expect(text).toMatch(/спасибо|свидания/);
      expect(segments[0]?.startMs).toBeGreaterThanOrEqual(300);
    },
    120_000,
  );
});
