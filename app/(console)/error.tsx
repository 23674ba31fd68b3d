"use client";

import type { ErrorInfo } from "next/error";
import { ErrorView } from "@/app/_components/error-view";

// Keeps the console shell (navigation, user menu) around a failed page.
export default function ConsoleError({ error, retry }: ErrorInfo) {
  return <ErrorView error={error} retry={retry} />;
}
