import { describe, expect, it } from "vitest";
import { createTranslator } from "@/lib/i18n/translate";
import { describeTimelineItem } from "@/app/(console)/calls/[id]/_components/timeline-text";
import type { TimelineItem } from "@/app/(console)/calls/[id]/_components/types";

const t = createTranslator("en");
const ru = createTranslator("ru");
const at = { id: "e", occurredAt: new Date(), receivedAt: new Date() };
const ivanova = { name: "101", person: "Ivanova" };

describe("describeTimelineItem", () => {
  it("says where the call was delivered, with the person at the workplace", () => {
    const item: TimelineItem = { ...at, kind: "delivered", workplace: ivanova };
    expect(describeTimelineItem(t, item, { isClickToCall: false }).text).toBe(
      "Delivered to workplace 101 (Ivanova)",
    );
    const named: TimelineItem = {
      ...at,
      kind: "delivered",
      workplace: { name: "Ivanova", person: "Ivanova" },
    };
    expect(describeTimelineItem(t, named, { isClickToCall: false }).text).toBe(
      "Delivered to workplace Ivanova",
    );
  });

  it("tells the employee's pick-up of a click-to-call from the client answering", () => {
    const employee: TimelineItem = {
      ...at,
      kind: "answered",
      party: "workplace",
      workplace: ivanova,
    };
    const client: TimelineItem = { ...at, kind: "answered", party: "remote", workplace: ivanova };
    expect(describeTimelineItem(t, employee, { isClickToCall: true }).text).toBe(
      "101 (Ivanova) picked up; calling the client",
    );
    expect(describeTimelineItem(t, employee, { isClickToCall: false }).text).toBe(
      "Answered at workplace 101 (Ivanova)",
    );
    expect(describeTimelineItem(t, client, { isClickToCall: true }).text).toBe(
      "The client answered",
    );
  });

  it("explains redirects, ends and parking", () => {
    const redirect: TimelineItem = {
      ...at,
      kind: "redirected",
      reason: "noAnswer",
      from: ivanova,
      toWorkplace: null,
      toNumber: "+79161234567",
    };
    expect(describeTimelineItem(t, redirect, { isClickToCall: false })).toEqual({
      text: "Redirected from 101 (Ivanova) to +7 916 123-45-67",
      detail: "no answer",
    });
    const ended: TimelineItem = {
      ...at,
      kind: "ended",
      result: "busy",
      durationSec: 75,
      talkSec: 0,
      isMadeUp: false,
    };
    expect(describeTimelineItem(t, ended, { isClickToCall: false })).toEqual({
      text: "Ended: busy",
      detail: "talk 0:00, total 1:15",
    });
    expect(describeTimelineItem(t, { ...ended, isMadeUp: true }, { isClickToCall: false })).toEqual(
      {
        text: "Closed by Pult: the PBX never reported the end",
        detail:
          "the PBX no longer had the call; it is shown ended at its last event and its talk time counts nowhere",
      },
    );
    const started: TimelineItem = {
      ...at,
      kind: "started",
      direction: "IN",
      from: "+79161234567",
      to: "+74950001100",
      isParked: true,
      workplace: null,
    };
    expect(describeTimelineItem(ru, started, { isClickToCall: false })).toEqual({
      text: "Звонок с +7 916 123-45-67 на +7 495 000-11-00",
      detail: "Запаркован, пока Пульт выбирал маршрут",
    });
    const files: TimelineItem = { ...at, kind: "recordingReady", fileCount: 2 };
    expect(describeTimelineItem(ru, files, { isClickToCall: false }).text).toBe(
      "Запись готова (2 файла)",
    );
  });
});
