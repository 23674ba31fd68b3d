import { z } from "zod";

// E.164: "+", country code, up to 15 digits in total. The PBX refuses anything else (1004).
export const e164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, "expected an E.164 number");

export const terminalSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(["sip", "app", "mobile", "forward"]),
  label: z.string(),
  address: z.string().min(1),
});

export const workplaceSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  extension: z.string().regex(/^\d{2,6}$/, "expected 2-6 digits"),
  distribution: z.enum(["all", "serial", "random"]),
  terminals: z.array(terminalSchema),
});

export const pbxNumberSchema = z.object({
  number: e164Schema,
  kind: z.enum(["city", "tollfree", "mobile"]),
  label: z.string(),
  parking: z.boolean(),
  workplaceIds: z.array(z.string().min(1)),
});

const structureBodySchema = z.object({
  workplaces: z.array(workplaceSchema),
  numbers: z.array(pbxNumberSchema),
});

/** What PUT /control/structure and the `structure` option accept; `version` is the PBX's own. */
export const structureInputSchema = structureBodySchema
  .extend({ version: z.number().int().nonnegative().optional() })
  .superRefine((value, ctx) => {
    const workplaceIds = new Set<string>();
    const terminalIds = new Set<string>();
    for (const workplace of value.workplaces) {
      if (workplaceIds.has(workplace.id)) {
        ctx.addIssue({ code: "custom", message: `duplicate workplace id ${workplace.id}` });
      }
      workplaceIds.add(workplace.id);
      for (const terminal of workplace.terminals) {
        if (terminalIds.has(terminal.id)) {
          ctx.addIssue({ code: "custom", message: `duplicate terminal id ${terminal.id}` });
        }
        terminalIds.add(terminal.id);
      }
    }
    const numbers = new Set<string>();
    for (const pbxNumber of value.numbers) {
      if (numbers.has(pbxNumber.number)) {
        ctx.addIssue({ code: "custom", message: `duplicate number ${pbxNumber.number}` });
      }
      numbers.add(pbxNumber.number);
    }
  });

export type Terminal = z.infer<typeof terminalSchema>;
export type Workplace = z.infer<typeof workplaceSchema>;
export type PbxNumber = z.infer<typeof pbxNumberSchema>;
export type StructureInput = z.input<typeof structureInputSchema>;
export type Structure = z.infer<typeof structureBodySchema> & { version: number };
export type StructureSection = "workplaces" | "terminals" | "numbers";

/**
 * The structure as the PBX keeps it. Like deleting a workplace in the cabinet, a workplace that
 * no longer exists silently drops out of the numbers' routes instead of failing the edit.
 */
export function toStructure(
  input: z.infer<typeof structureInputSchema>,
  version: number,
): Structure {
  const known = new Set(input.workplaces.map((w) => w.id));
  const numbers = input.numbers.map((n) => ({
    ...n,
    workplaceIds: [...new Set(n.workplaceIds)].filter((id) => known.has(id)),
  }));
  return { version, workplaces: input.workplaces, numbers };
}

/** Which sections differ, for `settingsChanged`; terminals are compared apart from workplaces. */
export function changedSections(before: Structure, after: Structure): StructureSection[] {
  const withoutTerminals = (s: Structure) => s.workplaces.map(({ terminals: _t, ...w }) => w);
  const terminalsOf = (s: Structure) => s.workplaces.map((w) => [w.id, w.terminals]);
  const sections: StructureSection[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(withoutTerminals(before), withoutTerminals(after))) sections.push("workplaces");
  if (!same(terminalsOf(before), terminalsOf(after))) sections.push("terminals");
  if (!same(before.numbers, after.numbers)) sections.push("numbers");
  return sections;
}

type DemoPerson = [name: string, extension: string, login: string];

const demoPeople: DemoPerson[] = [
  ["Анна Смирнова", "101", "anna.smirnova"],
  ["Дмитрий Козлов", "102", "dmitry.kozlov"],
  ["Елена Волкова", "103", "elena.volkova"],
  ["Сергей Новиков", "104", "sergey.novikov"],
  ["Ольга Морозова", "105", "olga.morozova"],
  ["Игорь Павлов", "106", "igor.pavlov"],
  ["Мария Соколова", "201", "maria.sokolova"],
  ["Алексей Лебедев", "202", "alexey.lebedev"],
];

const distributions: Workplace["distribution"][] = ["all", "serial", "random"];

function demoTerminals(index: number, extension: string, login: string): Terminal[] {
  const id = `wp-${extension}`;
  const terminals: Terminal[] = [
    {
      id: `${id}-sip`,
      kind: "sip",
      label: "Настольный телефон",
      address: `sip:${extension}@pult-demo.mtt.ru`,
    },
  ];
  if (index % 2 === 0) {
    terminals.push({
      id: `${id}-app`,
      kind: "app",
      label: "Приложение МТТ",
      address: `app:${login}`,
    });
  }
  if (index % 3 === 0) {
    const mobile = `+7916555${String(1000 + index * 11).slice(-4)}`;
    terminals.push({ id: `${id}-mobile`, kind: "mobile", label: "Мобильный", address: mobile });
  }
  if (index === 7) {
    terminals.push({
      id: `${id}-fwd`,
      kind: "forward",
      label: "Переадресация",
      address: "+74957654321",
    });
  }
  return terminals;
}

/** A realistic small company: sales on the city number, support on 8-800, a mobile line. */
export function defaultDemoStructure(): Structure {
  const workplaces: Workplace[] = demoPeople.map(([name, extension, login], index) => ({
    id: `wp-${extension}`,
    name,
    extension,
    distribution: distributions[index % distributions.length] ?? "all",
    terminals: demoTerminals(index, extension, login),
  }));
  const numbers: PbxNumber[] = [
    {
      number: "+74951234567",
      kind: "city",
      label: "Отдел продаж",
      parking: true,
      workplaceIds: ["wp-101", "wp-102", "wp-103", "wp-104"],
    },
    {
      number: "+78001234567",
      kind: "tollfree",
      label: "Горячая линия 8-800",
      parking: true,
      workplaceIds: ["wp-105", "wp-106", "wp-201", "wp-202"],
    },
    {
      number: "+79031234567",
      kind: "mobile",
      label: "Мобильный менеджера",
      parking: true,
      workplaceIds: ["wp-201", "wp-101"],
    },
  ];
  return { version: 1, workplaces, numbers };
}
