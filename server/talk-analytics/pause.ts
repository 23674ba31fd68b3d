// The analysis runs on the server's event loop, in slices of a few milliseconds of work each;
// between slices it awaits a Pause so other work, the live path first, goes on.
export type Pause = () => Promise<void>;

export const nextTick: Pause = () => new Promise((resolve) => setImmediate(resolve));
