"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import {
  readForm,
  writeForm,
  type HistoryForm,
} from "@/app/(console)/calls/_components/history-url";

// Filters live in the query string: a filtered list can be shared and survives a reload.
export function useHistoryForm(): [HistoryForm, (form: HistoryForm) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const setForm = (form: HistoryForm) => {
    const query = writeForm(form, new URLSearchParams(params.toString())).toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return [readForm(new URLSearchParams(params.toString())), setForm];
}
