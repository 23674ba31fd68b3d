import type { BenchContext } from "@/scripts/bench/common";

export type RunContext = BenchContext & {
  /** Runs every registered cleanup, newest first; errors are reported, not thrown. */
  cleanup(): Promise<void>;
};

/** The bench helpers' context for a test or soak run: progress lines and teardown. */
export function createRunContext(label: string, opts: { isQuiet?: boolean } = {}): RunContext {
  const cleanups: Array<() => Promise<void> | void> = [];
  const started = Date.now();
  return {
    phase(message) {
      if (opts.isQuiet) return;
      const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
      console.log(`[${label} ${seconds} s] ${message}`);
    },
    onCleanup(fn) {
      cleanups.push(fn);
      return () => {
        const index = cleanups.lastIndexOf(fn);
        if (index >= 0) cleanups.splice(index, 1);
      };
    },
    async cleanup() {
      while (cleanups.length > 0) {
        const fn = cleanups.pop();
        try {
          await fn?.();
        } catch (error) {
          console.error(`[${label}] cleanup failed:`, error);
        }
      }
    },
  };
}
