// The in-process PBX simulator's base URL when it runs (zero-setup demo, e2e), so Settings can
// label a connection to it as the demo simulator. Process-wide like the other singletons.
const holder = globalThis as unknown as { __pultSimulatorUrl?: string | null };

export function setSimulatorUrl(url: string | null): void {
  holder.__pultSimulatorUrl = url;
}

export function getSimulatorUrl(): string | null {
  return holder.__pultSimulatorUrl ?? null;
}
