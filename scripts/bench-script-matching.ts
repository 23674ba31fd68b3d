// node --import tsx scripts/bench-script-matching.ts [--calls 500]
// Time to check one call against a script: normalise and stem a realistic 5-minute transcript
// (two parties, ~60 segments, ~800 words, recognition typos) and match a 3-step script with
// phrase variants and a forbidden phrase. Prints ms per call (mean, p50, p95, max).
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { scriptContent } from "@/lib/scripts/schemas";
import { matchScript, prepareTranscript, type MatchSegment } from "@/server/scripts/matcher";

const { values } = parseArgs({ options: { calls: { type: "string", default: "500" } } });
const calls = Math.max(1, Number(values.calls));

// A seeded generator: every run times the same transcripts.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const managerLines = [
  "Добрый день, компания Ромашка, меня зовут Анна, чем могу помочь?",
  "Давайте я уточню, какой тариф вас интересует и на какой срок",
  "Могу предложить вам тариф Бизнес со скидкой двадцать процентов",
  "Сейчас посмотрю наличие на складе, одну минуту пожалуйста",
  "Да, доставка возможна уже завтра во второй половине дня",
  "Давайте оформим заказ прямо сейчас, назовите пожалуйста адрес",
  "Спасибо за ожидание, я проверила, всё в порядке",
  "Оплатить можно картой курьеру или по счёту для юридических лиц",
  "Я отправлю вам письмо с подтверждением заказа и ссылкой на оплату",
  "Спасибо за звонок, хорошего дня, до свидания",
];
const clientLines = [
  "Здравствуйте, я хотел бы узнать про ваши тарифы",
  "А сколько это будет стоить в месяц для небольшой команды",
  "Угу, понятно, а есть что-нибудь подешевле",
  "Нас интересует подключение для пяти сотрудников",
  "Хорошо, давайте оформим, адрес Москва, улица Ленина, дом пять",
  "А доставка платная или бесплатная",
  "Да, картой удобно, спасибо",
];

/** Drops or swaps a letter in a word now and then, as a recogniser does. */
function typo(text: string): string {
  return text
    .split(" ")
    .map((word) => {
      if (word.length < 5 || random() > 0.08) return word;
      const at = 1 + Math.floor(random() * (word.length - 2));
      return random() < 0.5
        ? word.slice(0, at) + word.slice(at + 1)
        : word.slice(0, at) + "а" + word.slice(at + 1);
    })
    .join(" ");
}

function transcript(): MatchSegment[] {
  const segments: MatchSegment[] = [];
  let at = 500;
  for (let i = 0; at < 300_000; i++) {
    const party = i % 2 === 0 ? "MANAGER" : "CLIENT";
    const text = typo(pick(party === "MANAGER" ? managerLines : clientLines));
    const duration = text.split(" ").length * 380;
    segments.push({ id: `s${i}`, party, startMs: at, endMs: at + duration, text });
    at += duration + 300 + Math.floor(random() * 1500);
  }
  return segments;
}

const script = scriptContent.parse({
  steps: [
    {
      id: "hello",
      title: "Greeting",
      phrases: ["добрый день", "здравствуйте", "доброе утро", "добрый вечер"],
      fromSec: 0,
      toSec: 15,
      isOrdered: true,
    },
    {
      id: "needs",
      title: "Needs",
      phrases: ["какой тариф вас интересует", "что вас интересует", "чем могу помочь"],
      isOrdered: true,
    },
    {
      id: "order",
      title: "Order",
      phrases: ["оформить заказ", "оформим заказ", "подтверждение заказа"],
      forbidden: ["не знаю", "это не ко мне", "перезвоните позже"],
      isOrdered: true,
    },
  ],
});

const inputs = Array.from({ length: calls }, transcript);
const words = inputs.reduce(
  (n, segments) => n + segments.reduce((m, s) => m + s.text.split(" ").length, 0),
  0,
);
// Warm the JIT and the stemmer as a long-running server would be.
for (const segments of inputs.slice(0, 20)) matchScript(script, prepareTranscript(segments));
const times: number[] = [];
let passed = 0;
for (const segments of inputs) {
  const start = performance.now();
  const results = matchScript(script, prepareTranscript(segments));
  times.push(performance.now() - start);
  passed += results.filter((r) => r.status === "PASSED").length;
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
const mean = times.reduce((a, b) => a + b, 0) / times.length;
console.log(
  [
    `Script matching: ${calls} calls of 5 minutes, ${Math.round(inputs.reduce((n, s) => n + s.length, 0) / calls)} segments and ${Math.round(words / calls)} words each; 3-step script`,
    `ms per call: mean ${mean.toFixed(2)}, p50 ${at(0.5).toFixed(2)}, p95 ${at(0.95).toFixed(2)}, max ${times.at(-1)!.toFixed(2)}`,
    `steps passed: ${passed} of ${calls * 3}`,
  ].join("\n"),
);
