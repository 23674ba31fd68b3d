"use client";

import type { ErrorInfo } from "next/error";
import { ErrorView } from "@/app/_components/error-view";

export default function RootError({ error, retry }: ErrorInfo) {
  return (
    <main id="content" className="px-4 py-16">
      <ErrorView error={error} retry={retry} />
    </main>
  );
}
