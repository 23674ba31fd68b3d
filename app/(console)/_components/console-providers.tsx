"use client";

import type { ReactNode } from "react";
import { SocketProvider } from "@/lib/realtime/socket-provider";
import { TRPCReactProvider } from "@/lib/trpc/react";
import { ScreenPop } from "@/app/(console)/_components/screen-pop";

// Everything the console needs around its pages: data, the tab's one socket, and the screen
// pop, which must survive navigation between sections.
export function ConsoleProviders({ userId, children }: { userId: string; children: ReactNode }) {
  return (
    <TRPCReactProvider>
      <SocketProvider>
        {children}
        <ScreenPop userId={userId} />
      </SocketProvider>
    </TRPCReactProvider>
  );
}
