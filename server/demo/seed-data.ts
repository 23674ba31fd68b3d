import { createRandom, type Random } from "@/server/pbx-simulator/random";

const firstNamesMale = [
  "Алексей",
  "Дмитрий",
  "Сергей",
  "Андрей",
  "Игорь",
  "Михаил",
  "Павел",
  "Николай",
  "Олег",
  "Роман",
  "Виктор",
  "Артём",
];
const firstNamesFemale = [
  "Анна",
  "Мария",
  "Елена",
  "Ольга",
  "Татьяна",
  "Наталья",
  "Ирина",
  "Светлана",
  "Юлия",
  "Екатерина",
  "Дарья",
  "Ксения",
];
const lastNames = [
  "Иванов",
  "Смирнов",
  "Кузнецов",
  "Попов",
  "Васильев",
  "Петров",
  "Соколов",
  "Михайлов",
  "Новиков",
  "Фёдоров",
  "Морозов",
  "Волков",
  "Алексеев",
  "Лебедев",
  "Семёнов",
  "Егоров",
  "Павлов",
  "Козлов",
  "Степанов",
  "Николаев",
  "Орлов",
  "Андреев",
  "Макаров",
  "Никитин",
];
const companyWords = [
  "Альфа",
  "Вектор",
  "Гранит",
  "Север",
  "Меридиан",
  "Орбита",
  "Стройинвест",
  "ТехноПарк",
  "Логистик",
  "Агросфера",
  "Медиагрупп",
  "Полюс",
  "Интерком",
  "Атлант",
  "Восход",
];
const companyForms = ["ООО", "АО", "ИП", "ПАО"];
const tagsPool = ["опт", "розница", "новый", "партнёр", "тендер", "регион", "сервис"];

const translit: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "sch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};

const chance = (random: Random, p: number) => random.next() < p;

export function transliterate(text: string): string {
  return [...text.toLowerCase()]
    .map((ch) => translit[ch] ?? ch)
    .join("")
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

export type DemoClient = {
  name: string;
  company: string | null;
  email: string | null;
  phones: string[];
  tags: string[];
  isVip: boolean;
  hasManager: boolean;
};

function personName(random: Random): string {
  const isFemale = chance(random, 0.5);
  const last = random.pick(lastNames);
  return isFemale
    ? `${random.pick(firstNamesFemale)} ${last}а`
    : `${random.pick(firstNamesMale)} ${last}`;
}

/** A few hundred clients with unique Russian mobile numbers; most have a personal manager. */
export function buildDemoClients(count: number, seed = 42): DemoClient[] {
  const random = createRandom(seed);
  const used = new Set<string>();
  const phone = () => {
    for (;;) {
      const candidate = `+79${String(random.int(100000000, 999999999)).padStart(9, "0")}`;
      if (!used.has(candidate)) {
        used.add(candidate);
        return candidate;
      }
    }
  };
  return Array.from({ length: count }, () => {
    const name = personName(random);
    const hasCompany = chance(random, 0.7);
    const company = hasCompany
      ? `${random.pick(companyForms)} «${random.pick(companyWords)}»`
      : null;
    return {
      name,
      company,
      email: chance(random, 0.6) ? `${transliterate(name)}@example.ru` : null,
      phones: chance(random, 0.2) ? [phone(), phone()] : [phone()],
      tags: chance(random, 0.5) ? [random.pick(tagsPool)] : [],
      isVip: chance(random, 0.08),
      hasManager: chance(random, 0.8),
    };
  });
}
