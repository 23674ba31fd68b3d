import { describe, expect, it } from "vitest";
import {
  placeClips,
  planConversation,
  type ConversationPlan,
  type PlannedTurn,
} from "@/server/pbx-simulator/conversation";
import { speechClip, speechMsOf } from "@/server/pbx-simulator/speech-clips";

const SEEDS = Array.from({ length: 60 }, (_, i) => `plan-${i}`);
const plans = SEEDS.map((seed) => planConversation(60_000, seed));
const ofParty = (turns: PlannedTurn[], party: string) => turns.filter((t) => t.party === party);

describe("planConversation", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(planConversation(45_000, "same")).toEqual(planConversation(45_000, "same"));
    expect(planConversation(45_000, "same")).not.toEqual(planConversation(45_000, "other"));
  });

  it("says each clip's text on the party's channel for exactly the clip's speech length", () => {
    for (const plan of plans)
      for (const turn of plan.turns) {
        const clip = speechClip(turn.clipId);
        expect(turn).toMatchObject({ party: clip.party, text: clip.text, step: clip.step });
        expect(turn.channel).toBe(clip.party === "manager" ? 0 : 1);
        expect(clip.voice).toBe(plan.voices[clip.party]);
        if (!turn.isCut) expect(turn.endMs - turn.startMs).toBe(speechMsOf(clip));
        expect(turn.startMs).toBeGreaterThanOrEqual(0);
        expect(turn.endMs).toBeLessThanOrEqual(plan.durationMs);
      }
  });

  it("never overlaps a party with itself, and the manager speaks first", () => {
    for (const plan of plans) {
      expect(plan.turns[0]?.party).toBe("manager");
      expect(plan.turns[0]?.step).toBe("greeting");
      for (const party of ["manager", "client"]) {
        const own = ofParty(plan.turns, party);
        for (let i = 1; i < own.length; i++)
          expect(own[i]?.startMs).toBeGreaterThanOrEqual((own[i - 1]?.endMs ?? 0) + 400);
      }
    }
  });

  it("fills the call: the talk goes on to near its end", () => {
    for (const plan of plans) {
      const lastEnd = Math.max(...plan.turns.map((t) => t.endMs));
      expect(plan.durationMs - lastEnd).toBeLessThan(15_000);
    }
    const long = planConversation(600_000, "ten-minutes");
    expect(600_000 - Math.max(...long.turns.map((t) => t.endMs))).toBeLessThan(15_000);
    expect(long.turns.length).toBeGreaterThan(80);
  });

  it("follows the script with variants, and some calls skip steps", () => {
    const skipping = (step: ConversationPlan["skipped"][number]) =>
      plans.filter((plan) => plan.skipped.includes(step)).length;
    for (const step of ["company-greeting", "needs", "objection", "closing"] as const) {
      expect(skipping(step), step).toBeGreaterThan(0);
      expect(skipping(step), step).toBeLessThan(plans.length * 0.5);
    }
    // The order of a sales call: greeting first, the closing last.
    for (const plan of plans) {
      const steps = ofParty(plan.turns, "manager").map((t) => t.step);
      const closing = steps.indexOf("closing");
      if (closing >= 0) expect(closing).toBe(steps.length - 1);
      if (!plan.skipped.includes("closing")) expect(closing).toBeGreaterThan(0);
    }
    const greetings = new Set(plans.map((p) => p.turns[0]?.text));
    expect(greetings.size).toBeGreaterThanOrEqual(3);
    const voices = new Set(plans.map((p) => `${p.voices.manager}/${p.voices.client}`));
    expect(voices.size).toBe(4);
  });

  it("has backchannels, interruptions and long silences in some calls", () => {
    const all = plans.flatMap((plan) => plan.turns.map((turn) => ({ plan, turn })));
    expect(all.filter(({ turn }) => turn.step === "backchannel").length).toBeGreaterThan(10);
    const overlaps = (plan: ConversationPlan) =>
      plan.turns.some((a) =>
        plan.turns.some(
          (b) =>
            a.party !== b.party &&
            b.step !== "backchannel" &&
            b.startMs > a.startMs &&
            b.startMs < a.endMs - 500,
        ),
      );
    expect(plans.filter(overlaps).length).toBeGreaterThan(3);
    const longestGap = (plan: ConversationPlan) => {
      let gap = 0;
      let end = 0;
      for (const turn of plan.turns) {
        gap = Math.max(gap, turn.startMs - end);
        end = Math.max(end, turn.endMs);
      }
      return gap;
    };
    const holds = plans.filter((plan) => plan.turns.some((t) => t.step === "hold"));
    expect(holds.length).toBeGreaterThan(3);
    for (const plan of holds) expect(longestGap(plan)).toBeGreaterThanOrEqual(3000);
  });

  it("cuts a call too short for its greeting off mid-phrase", () => {
    const plan = planConversation(1500, "short");
    expect(plan.turns).toHaveLength(1);
    expect(plan.turns[0]).toMatchObject({
      party: "manager",
      step: "greeting",
      isCut: true,
      endMs: 1500,
    });
  });
});

describe("placeClips", () => {
  it("places clips by hand with their known speech lengths, sorted", () => {
    const turns = placeClips([
      { clipId: "client-greeting-1-female", startMs: 4000 },
      { clipId: "manager-greeting-1-male", startMs: 1000 },
    ]);
    expect(turns.map((t) => t.clipId)).toEqual([
      "manager-greeting-1-male",
      "client-greeting-1-female",
    ]);
    expect(turns[0]?.endMs).toBe(1000 + speechMsOf(speechClip("manager-greeting-1-male")));
    expect(turns[1]).toMatchObject({ party: "client", channel: 1, step: "greeting", isCut: false });
  });
});
