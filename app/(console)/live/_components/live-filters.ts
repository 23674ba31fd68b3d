import { companyNumber } from "@/app/(console)/live/_components/call-text";
import type { LiveCall } from "@/app/(console)/live/_components/types";

export type LiveFilters = { number: string; manager: string; direction: string };

export const FILTER_KEYS = ["number", "manager", "direction"] as const;

type ParamsLike = { get(name: string): string | null };

export function readFilters(params: ParamsLike): LiveFilters {
  return {
    number: params.get("number") ?? "",
    manager: params.get("manager") ?? "",
    direction: params.get("direction") ?? "",
  };
}

export function hasFilters(filters: LiveFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== "");
}

// Empty means "any"; a manager filter matches the call's manager.
export function matchesFilters(call: LiveCall, filters: LiveFilters): boolean {
  if (filters.number && companyNumber(call) !== filters.number) return false;
  if (filters.manager && call.manager?.id !== filters.manager) return false;
  if (filters.direction && call.direction !== filters.direction) return false;
  return true;
}
