import { createRandom } from "@/server/pbx-simulator/random";

/** Channel 0 is the manager, 1 the client; times in seconds from the start of the file. */
export type Turn = { channel: 0 | 1; startSec: number; endSec: number };

const MANAGER = 0;
const CLIENT = 1;

/**
 * A sales call's rhythm, deterministic per seed: the manager greets first, the parties take
 * turns of one to four phrases, the listener now and then says "uh-huh" over the speaker or
 * cuts in, and sometimes the line goes quiet while someone checks something. The manager talks
 * a little more than the client, as in most sales calls.
 */
export function conversationTurns(durationSec: number, seed: number | string): Turn[] {
  const random = createRandom(`turns/${seed}`);
  const turns: Turn[] = [];
  let t = 0.4 + random.next() * 0.8;
  let speaker: 0 | 1 = MANAGER;
  const push = (channel: 0 | 1, startSec: number, endSec: number) => {
    const end = Math.min(endSec, durationSec - 0.1);
    if (end - startSec >= 0.2) turns.push({ channel, startSec, endSec: end });
  };
  while (t < durationSec - 0.5) {
    const listener: 0 | 1 = speaker === MANAGER ? CLIENT : MANAGER;
    const phrases = random.int(1, speaker === MANAGER ? 4 : 3);
    for (let p = 0; p < phrases && t < durationSec - 0.5; p++) {
      const length = 0.8 + random.next() * 2.4;
      push(speaker, t, t + length);
      // A backchannel ("да", "угу") from the listener in the middle of a phrase.
      if (length > 1.5 && random.next() < 0.2) {
        const at = t + length * (0.3 + random.next() * 0.4);
        push(listener, at, at + 0.3 + random.next() * 0.3);
      }
      t += length + 0.35 + random.next() * 0.35;
    }
    const roll = random.next();
    if (roll < 0.12) {
      // The listener cuts in before the speaker has finished.
      t -= 0.35 + random.next() * 0.35 + 0.6 + random.next() * 0.6;
    } else if (roll < 0.2) {
      t += 3 + random.next() * 6; // "one moment, let me check"
    } else {
      t += random.next() * 0.6;
    }
    speaker = listener;
  }
  return turns;
}
