"use client";

import { useEffect, useState } from "react";
import type { AnswerValue, PinnedComment } from "@/lib/schemas/quality";

export type Draft = {
  answers: Record<string, AnswerValue>;
  comments: PinnedComment[];
  summary: string;
};

const EMPTY: Draft = { answers: {}, comments: [], summary: "" };

function read(storageKey: string): Draft {
  try {
    const saved = window.localStorage.getItem(storageKey);
    return saved ? { ...EMPTY, ...(JSON.parse(saved) as Partial<Draft>) } : EMPTY;
  } catch {
    // A broken or unavailable store only means no draft.
    return EMPTY;
  }
}

// A half-done evaluation survives a reload or a wrong click: kept in this browser until sent.
export function useEvaluationDraft(key: string) {
  const storageKey = `pult.evaluation-draft.${key}`;
  const [state, setState] = useState<{ key: string; draft: Draft } | null>(null);
  let current = state;
  // Loaded while rendering when the key changes (a scorecard chosen), never on the server.
  if (typeof window !== "undefined" && state?.key !== storageKey) {
    current = { key: storageKey, draft: read(storageKey) };
    setState(current);
  }
  const draft = current?.draft ?? EMPTY;
  useEffect(() => {
    if (state?.key !== storageKey) return;
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(state.draft));
    } catch {
      // Private mode or a full store: the draft lives in memory only.
    }
  }, [storageKey, state]);
  const setDraft = (next: Draft) => setState({ key: storageKey, draft: next });
  const clear = () => {
    try {
      window.localStorage.removeItem(storageKey);
    } catch {
      // Nothing stored.
    }
  };
  return { draft, setDraft, clear };
}
