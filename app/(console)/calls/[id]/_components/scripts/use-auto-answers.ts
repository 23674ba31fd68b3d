"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { AnswerValue } from "@/lib/schemas/quality";
import { useTRPC } from "@/lib/trpc/react";
import { isAnswerValue } from "@/app/(console)/quality/_components/quality-format";

const NONE: Readonly<Record<string, AnswerValue>> = {};

/** The script checks' answers to the criteria of one scorecard, by criterion id. */
export function useAutoAnswers(
  callId: string,
  templateId: string | undefined,
): Readonly<Record<string, AnswerValue>> {
  const trpc = useTRPC();
  const scripts = useQuery({
    ...trpc.scripts.forCall.queryOptions({ callId }),
    enabled: templateId !== undefined,
  });
  return useMemo(() => {
    if (!templateId || !scripts.data) return NONE;
    return Object.fromEntries(
      scripts.data.autoAnswers.flatMap((a) =>
        a.templateId === templateId && isAnswerValue(a.value) ? [[a.criterionId, a.value]] : [],
      ),
    );
  }, [scripts.data, templateId]);
}
