// Seeded randomness: the same seed gives the same traffic and the same recordings, which keeps
// benchmarks and demos reproducible. Never used for ids or secrets (those use node:crypto).

export type Random = {
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  exponential(mean: number): number;
  fork(label: string | number): Random;
};

/** FNV-1a, so string seeds ("demo") and numbers both give a 32-bit state. */
export function hashSeed(seed: number | string): number {
  const text = String(seed);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function createRandom(seed: number | string): Random {
  // mulberry32: tiny, fast and good enough for simulated traffic and audio.
  let state = hashSeed(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, maxInclusive) => min + Math.floor(next() * (maxInclusive - min + 1)),
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick() from an empty list");
      return item;
    },
    exponential: (mean) => -mean * Math.log(1 - next()),
    fork: (label) => createRandom(`${String(seed)}/${String(label)}`),
  };
}
