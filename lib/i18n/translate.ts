import type { Locale } from "@/lib/i18n/locales";
import { en } from "@/lib/i18n/messages/en";
import { ru } from "@/lib/i18n/messages/ru";

type English = typeof en;
export type MessageKey = keyof English;
export type PluralKey = {
  [K in MessageKey]: English[K] extends string ? never : K;
}[MessageKey];

type PluralForms = { one: string; few?: string; many?: string; other: string };
// Russian needs all three forms (1 звонок, 2 звонка, 5 звонков); the type enforces it.
export type RussianPluralForms = { one: string; few: string; many: string; other: string };
/** The shape another language must give a (part of the) English dictionary. */
export type PartMessages<Part, P extends PluralForms = PluralForms> = {
  [K in keyof Part]: Part[K] extends string ? string : P;
};
export type Messages<P extends PluralForms = PluralForms> = PartMessages<English, P>;

type Params = Record<string, string | number>;
type ArgsFor<K extends MessageKey> = English[K] extends string
  ? [params?: Params]
  : [params: Params & { count: number }];

export type Translate = <K extends MessageKey>(key: K, ...args: ArgsFor<K>) => string;

export const dictionaries: Record<Locale, Messages> = { en, ru };

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

function pickForm(forms: PluralForms, category: Intl.LDMLPluralRule): string {
  if (category === "one") return forms.one;
  if (category === "few") return forms.few ?? forms.other;
  if (category === "many") return forms.many ?? forms.other;
  return forms.other;
}

function interpolate(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export function createTranslator(locale: Locale): Translate {
  const messages = dictionaries[locale];
  return (key, ...args) => {
    const params = args[0];
    const message = messages[key];
    if (typeof message === "string") return interpolate(message, params);
    const count = Number(params?.count ?? 0);
    return interpolate(pickForm(message, pluralCategory(locale, count)), params);
  };
}

export function formatDateTime(locale: Locale, value: Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(value);
}
