"use client";

import { useCallback, useEffect, useState } from "react";
import { savedViewSchema, type SavedView } from "@/lib/schemas/reports";
import {
  presetRange,
  PERIOD_PRESETS,
  type PeriodPreset,
} from "@/app/(console)/reports/_components/report-period";

export type ReportState = {
  preset: PeriodPreset;
  from: string;
  to: string;
  managerIds: string[];
  numbers: string[];
};

// Filters and saved views are remembered per user in this browser.
const stateKey = (userId: string) => `pult.reports.filters.${userId}`;
const viewsKey = (userId: string) => `pult.reports.views.${userId}`;

function readJson(key: string): unknown {
  try {
    const text = window.localStorage.getItem(key);
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

function fromStored(value: unknown, today: string): ReportState | null {
  const parsed = savedViewSchema.omit({ name: true }).safeParse(value);
  if (!parsed.success) return null;
  const { preset, managerIds, numbers } = parsed.data;
  const range =
    preset === "custom" && parsed.data.from && parsed.data.to
      ? { from: parsed.data.from, to: parsed.data.to }
      : presetRange(preset, today);
  return { preset, ...range, managerIds, numbers };
}

export function useReportState(userId: string, today: string) {
  const [state, setState] = useState<ReportState>(() => ({
    preset: "last30",
    ...presetRange("last30", today),
    managerIds: [],
    numbers: [],
  }));
  const [views, setViews] = useState<SavedView[]>([]);

  // localStorage exists only in the browser: read it after the first render.
  useEffect(() => {
    const stored = fromStored(readJson(stateKey(userId)), today);
    const list = readJson(viewsKey(userId));
    const parsedViews = Array.isArray(list)
      ? list.flatMap((v) => {
          const one = savedViewSchema.safeParse(v);
          return one.success ? [one.data] : [];
        })
      : [];
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one-time hydration from storage
    if (stored) setState(stored);
    setViews(parsedViews);
  }, [userId, today]);

  const update = useCallback(
    (next: ReportState) => {
      setState(next);
      try {
        window.localStorage.setItem(stateKey(userId), JSON.stringify(next));
      } catch {
        // Private mode or full storage: filters simply aren't remembered.
      }
    },
    [userId],
  );

  const setPreset = (preset: PeriodPreset) =>
    update({
      ...state,
      preset,
      ...(preset === "custom" ? { from: state.from, to: state.to } : presetRange(preset, today)),
    });

  const storeViews = (next: SavedView[]) => {
    setViews(next);
    try {
      window.localStorage.setItem(viewsKey(userId), JSON.stringify(next));
    } catch {
      // See above.
    }
  };

  const saveView = (name: string) => {
    const view: SavedView = { name: name.trim(), ...state };
    storeViews([...views.filter((v) => v.name !== view.name), view]);
  };
  const deleteView = (name: string) => storeViews(views.filter((v) => v.name !== name));
  const openView = (name: string) => {
    const view = views.find((v) => v.name === name);
    const next = view ? fromStored(view, today) : null;
    if (next) update(next);
  };

  return {
    state,
    update,
    setPreset,
    views,
    saveView,
    deleteView,
    openView,
    presets: PERIOD_PRESETS,
  };
}
