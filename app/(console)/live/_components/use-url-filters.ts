"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import {
  FILTER_KEYS,
  readFilters,
  type LiveFilters,
} from "@/app/(console)/live/_components/live-filters";

// Filters live in the query string so a board can be bookmarked or put on a wall screen.
export function useUrlFilters(): [LiveFilters, (filters: LiveFilters) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const setFilters = (filters: LiveFilters) => {
    const next = new URLSearchParams(params.toString());
    for (const key of FILTER_KEYS) {
      if (filters[key]) next.set(key, filters[key]);
      else next.delete(key);
    }
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return [readFilters(params), setFilters];
}
