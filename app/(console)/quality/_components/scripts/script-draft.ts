import type { ScriptStep } from "@/lib/scripts/schemas";
import { newId } from "@/app/(console)/quality/_components/scorecard-draft";

// The editor's working copy of a script. Phrases are edited one per line; step ids are made here
// and kept across versions, so reports follow a step through edits.

export type StepDraft = Omit<ScriptStep, "phrases" | "forbidden"> & {
  phrases: string;
  forbidden: string;
};

export type ScriptDraft = {
  name: string;
  isEnabled: boolean;
  directions: Array<"IN" | "OUT">;
  numbers: string;
  templateId: string | null;
  steps: StepDraft[];
};

export const blankStep = (): StepDraft => ({
  id: newId("st"),
  title: "",
  phrases: "",
  forbidden: "",
  party: "MANAGER",
  fromSec: null,
  toSec: null,
  isOrdered: true,
  criterionId: null,
});

export const blankScript = (): ScriptDraft => ({
  name: "",
  isEnabled: true,
  directions: [],
  numbers: "",
  templateId: null,
  steps: [blankStep()],
});

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

export const toStepDraft = (step: ScriptStep): StepDraft => ({
  ...step,
  phrases: step.phrases.join("\n"),
  forbidden: step.forbidden.join("\n"),
});

/** What the save procedure takes (and the form validates with the same schema). */
export const fromDraft = (draft: ScriptDraft, scriptId?: string) => ({
  scriptId,
  name: draft.name,
  isEnabled: draft.isEnabled,
  directions: draft.directions,
  numbers: draft.numbers
    .split(/[\s,;]+/)
    .map((n) => n.trim())
    .filter((n) => n.length > 0),
  templateId: draft.templateId,
  content: {
    steps: draft.steps.map((step) => ({
      ...step,
      phrases: lines(step.phrases),
      forbidden: lines(step.forbidden),
    })),
  },
});
