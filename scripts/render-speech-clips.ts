// Renders the PBX simulator's Russian speech clips with espeak-ng, once, at development time:
//   apt-get install espeak-ng && node --import tsx scripts/render-speech-clips.ts
// Writes server/pbx-simulator/speech/*.wav (8 kHz mono μ-law) and manifest.json, which are
// committed; the simulator and the tests only read them. Re-run after changing a phrase.
import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import type * as sampleRate from "@alexanderolsen/libsamplerate-js";
import {
  CLIP_SAMPLE_RATE,
  decodeMulawWav,
  encodeMulawWav,
  frameLevels,
  measureSpeech,
  SPEECH_RMS,
} from "@/server/pbx-simulator/mulaw";
import {
  MANIFEST_FILE,
  SPEECH_DIR,
  type Party,
  type ScriptStep,
  type SpeechClip,
  type SpeechManifest,
  type VoiceKind,
} from "@/server/pbx-simulator/speech-clips";

type Phrase = { step: ScriptStep; n: number; text: string; namesCompany?: boolean };

// A sales call for a virtual PBX. Numbers pair phrases across parties: the client's question-2
// is answered by the manager's reply-2, the manager's question-3 by the client's reply-3, the
// client's objection-1 by the manager's objection-1.
const PHRASES: Record<Party, Phrase[]> = {
  manager: [
    {
      step: "greeting",
      n: 1,
      text: "Здравствуйте, компания Горизонт, отдел продаж, чем могу помочь?",
      namesCompany: true,
    },
    { step: "greeting", n: 2, text: "Добрый день, Горизонт, слушаю вас.", namesCompany: true },
    { step: "greeting", n: 3, text: "Алло, здравствуйте, слушаю вас." },
    {
      step: "question",
      n: 1,
      text: "Подскажите, сколько сотрудников будет работать с телефонией?",
    },
    { step: "question", n: 2, text: "Для каких задач вам нужна телефония?" },
    { step: "question", n: 3, text: "Какой бюджет на связь вы закладываете в месяц?" },
    { step: "question", n: 4, text: "Когда вы хотели бы подключиться?" },
    {
      step: "offer",
      n: 1,
      text: "Могу предложить тариф Бизнес: двадцать номеров, запись разговоров и аналитика, пять тысяч рублей в месяц.",
    },
    {
      step: "offer",
      n: 2,
      text: "Для вашей команды подойдёт пакет Старт, первый месяц бесплатно.",
    },
    { step: "offer", n: 3, text: "Подключим вас уже завтра, настройка бесплатная." },
    {
      step: "objection",
      n: 1,
      text: "Понимаю, но при оплате за год будет скидка пятнадцать процентов.",
    },
    {
      step: "objection",
      n: 2,
      text: "Конечно, давайте я отправлю предложение на почту, и вы спокойно всё посмотрите.",
    },
    { step: "objection", n: 3, text: "Понимаю, но до конца месяца подключение со скидкой." },
    { step: "reply", n: 1, text: "Пять тысяч рублей в месяц за двадцать номеров." },
    { step: "reply", n: 2, text: "Да, запись разговоров входит во все тарифы." },
    { step: "reply", n: 3, text: "Да, ваш номер можно перенести, это бесплатно." },
    { step: "hold", n: 1, text: "Одну минуту, сейчас уточню." },
    { step: "hold", n: 2, text: "Секундочку, посмотрю в системе." },
    { step: "closing", n: 1, text: "Спасибо за звонок, всего доброго, до свидания." },
    { step: "closing", n: 2, text: "Отлично, договор пришлю сегодня, хорошего дня." },
    { step: "closing", n: 3, text: "Договорились, перезвоню вам в четверг, до свидания." },
    { step: "backchannel", n: 1, text: "Да." },
    { step: "backchannel", n: 2, text: "Угу." },
    { step: "backchannel", n: 3, text: "Понятно." },
  ],
  client: [
    { step: "greeting", n: 1, text: "Здравствуйте, хочу узнать про виртуальную АТС." },
    { step: "greeting", n: 2, text: "Добрый день, нам нужна телефония для офиса." },
    { step: "reply", n: 1, text: "Нас примерно пятнадцать человек." },
    { step: "reply", n: 2, text: "В основном продажи и поддержка клиентов." },
    { step: "reply", n: 3, text: "Сейчас платим около десяти тысяч в месяц." },
    { step: "reply", n: 4, text: "Хотим начать в следующем месяце." },
    { step: "question", n: 1, text: "Сколько это стоит?" },
    { step: "question", n: 2, text: "А запись разговоров входит в тариф?" },
    { step: "question", n: 3, text: "А можно оставить наш старый номер?" },
    { step: "objection", n: 1, text: "Это дорого для нас." },
    { step: "objection", n: 2, text: "Мне надо подумать." },
    { step: "objection", n: 3, text: "Нам сейчас не к спеху." },
    { step: "closing", n: 1, text: "Хорошо, давайте попробуем." },
    { step: "closing", n: 2, text: "Хорошо, договорились, спасибо." },
    { step: "closing", n: 3, text: "Ладно, спасибо, до свидания." },
    { step: "backchannel", n: 1, text: "Да." },
    { step: "backchannel", n: 2, text: "Угу." },
    { step: "backchannel", n: 3, text: "Ага." },
    { step: "backchannel", n: 4, text: "Понятно." },
  ],
};

// espeak-ng's Russian voice with its variants: a male and a female voice for each party, so a
// call can pair any two and the parties never sound alike.
const VOICE_NAMES: Record<Party, Record<VoiceKind, string>> = {
  manager: { male: "ru+m3", female: "ru+f2" },
  client: { male: "ru+m1", female: "ru+f4" },
};
const WORDS_PER_MINUTE = 165;
// "Да", "угу" at the phrases' pace last under 0.2 s, shorter than people draw them out.
const BACKCHANNEL_WORDS_PER_MINUTE = 110;
// Clips are normalised to this peak (-6 dBFS): loud and clear, never clipping when mixed.
const PEAK = 16384;
// Quiet kept around the speech, the longest pause kept inside a clip (so that one clip is one
// talk spurt to a voice detector), and the fade that keeps the cuts from clicking.
const EDGE_MS = 20;
const MAX_PAUSE_MS = 200;
const FADE_MS = 5;

function readPcmWav(buffer: Buffer): { rate: number; samples: Float32Array } {
  let offset = 12;
  let rate = 0;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString("ascii", offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt ") rate = buffer.readUInt32LE(body + 4);
    if (id === "data") {
      // espeak-ng may leave the size unset when it cannot seek: read to the end then.
      const end = size > 0 && body + size <= buffer.length ? body + size : buffer.length;
      const count = Math.floor((end - body) / 2);
      const samples = new Float32Array(count);
      for (let i = 0; i < count; i++) samples[i] = buffer.readInt16LE(body + i * 2) / 32768;
      return { rate, samples };
    }
    offset = body + size;
  }
  throw new Error("espeak-ng wrote no data chunk");
}

async function resample(input: Float32Array, fromRate: number): Promise<Float32Array> {
  const imported = (await import("@alexanderolsen/libsamplerate-js")) as typeof sampleRate & {
    default?: typeof sampleRate;
  };
  const { create, ConverterType } = imported.default ?? imported;
  const converter = await create(1, fromRate, CLIP_SAMPLE_RATE, {
    converterType: ConverterType.SRC_SINC_BEST_QUALITY,
  });
  try {
    return converter.simple(input);
  } finally {
    converter.destroy();
  }
}

/** Normalised, trimmed to the speech, inner pauses shortened, faded at the cuts. */
function shape(input: Float32Array): Int16Array {
  let peak = 0;
  for (const s of input) peak = Math.max(peak, Math.abs(s));
  const scaled = Int16Array.from(input, (s) => Math.round((s / (peak || 1)) * PEAK));
  const frame = CLIP_SAMPLE_RATE / 100;
  const loud = frameLevels(scaled).map((level) => level >= SPEECH_RMS);
  const first = loud.indexOf(true);
  const last = loud.lastIndexOf(true);
  if (first < 0) throw new Error("espeak-ng rendered silence");
  const kept: number[] = [];
  const edge = EDGE_MS / 10;
  const keepFrames = (from: number, to: number) => {
    for (let f = from; f < to; f++)
      for (let i = f * frame; i < Math.min(scaled.length, (f + 1) * frame); i++)
        kept.push(scaled[i] ?? 0);
  };
  keepFrames(Math.max(0, first - edge), first);
  let f = first;
  while (f <= last) {
    if (loud[f]) {
      keepFrames(f, f + 1);
      f++;
      continue;
    }
    let end = f;
    while (end <= last && !loud[end]) end++;
    const half = MAX_PAUSE_MS / 20;
    if (end - f > 2 * half) {
      keepFrames(f, f + half);
      keepFrames(end - half, end);
    } else keepFrames(f, end);
    f = end;
  }
  keepFrames(last + 1, Math.min(loud.length, last + 1 + edge));
  const fade = (CLIP_SAMPLE_RATE * FADE_MS) / 1000;
  const out = Int16Array.from(kept);
  for (let i = 0; i < fade && i < out.length; i++) {
    const gain = i / fade;
    out[i] = Math.round((out[i] ?? 0) * gain);
    out[out.length - 1 - i] = Math.round((out[out.length - 1 - i] ?? 0) * gain);
  }
  return out;
}

function espeakVersion(): string {
  // "eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/…": the version, not this machine's path.
  const version = execFileSync("espeak-ng", ["--version"], { encoding: "utf8" });
  return version.split(/\s+Data at/)[0]?.trim() ?? version.trim();
}

async function renderClip(
  party: Party,
  voice: VoiceKind,
  phrase: Phrase,
  dir: string,
): Promise<SpeechClip> {
  const id = `${party}-${phrase.step}-${phrase.n}-${voice}`;
  const raw = path.join(dir, `${id}.raw.wav`);
  execFileSync("espeak-ng", [
    "-v",
    VOICE_NAMES[party][voice],
    "-s",
    String(phrase.step === "backchannel" ? BACKCHANNEL_WORDS_PER_MINUTE : WORDS_PER_MINUTE),
    "-w",
    raw,
    phrase.text,
  ]);
  const { rate, samples } = readPcmWav(readFileSync(raw));
  unlinkSync(raw);
  const file = `${id}.wav`;
  writeFileSync(path.join(SPEECH_DIR, file), encodeMulawWav(shape(await resample(samples, rate))));
  // Timings are measured from the file as written (after μ-law), as the tests measure them.
  const { durationMs, speechStartMs, speechEndMs } = measureSpeech(
    decodeMulawWav(readFileSync(path.join(SPEECH_DIR, file))),
  );
  return {
    id,
    file,
    party,
    voice,
    step: phrase.step,
    phrase: `${phrase.step}-${phrase.n}`,
    text: phrase.text,
    namesCompany: phrase.namesCompany ?? false,
    durationMs,
    speechStartMs,
    speechEndMs,
  };
}

async function main() {
  const engine = espeakVersion();
  mkdirSync(SPEECH_DIR, { recursive: true });
  for (const name of readdirSync(SPEECH_DIR))
    if (name.endsWith(".wav")) rmSync(path.join(SPEECH_DIR, name));
  const dir = mkdtempSync(path.join(os.tmpdir(), "pult-speech-"));
  const clips: SpeechClip[] = [];
  try {
    for (const party of ["manager", "client"] as const)
      for (const voice of ["male", "female"] as const)
        for (const phrase of PHRASES[party])
          clips.push(await renderClip(party, voice, phrase, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const manifest: SpeechManifest = {
    generator: "scripts/render-speech-clips.ts",
    engine,
    encoding: "mu-law",
    sampleRate: 8000,
    voices: Object.fromEntries(
      Object.entries(VOICE_NAMES).flatMap(([party, voices]) =>
        Object.entries(voices).map(([kind, name]) => [`${party}-${kind}`, name]),
      ),
    ),
    clips,
  };
  writeFileSync(path.join(SPEECH_DIR, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const bytes = readdirSync(SPEECH_DIR).reduce(
    (sum, name) => sum + readFileSync(path.join(SPEECH_DIR, name)).length,
    0,
  );
  const seconds = clips.reduce((sum, clip) => sum + clip.durationMs, 0) / 1000;
  process.stdout.write(`${clips.length} clips, ${seconds.toFixed(1)} s, ${bytes} bytes\n`);
}

await main();
