import fc from "fast-check";

// fast-check generators for PBX notifications (docs/mtt-open-api.md §2.2): valid ones within
// Pult's contract, and hostile values to put into them. Used by the notification fuzz test.

export type Json = fc.JsonValue;
export type JsonObject = Record<string, Json>;

// One Unicode code point other than NUL (surrogates are only made in pairs, by astral points).
const wireChar = fc
  .integer({ min: 1, max: 0x10ffff })
  .filter((cp) => cp < 0xd800 || cp > 0xdfff)
  .map((cp) => String.fromCodePoint(cp));

/** Text a real PBX might send in a string field: any Unicode except NUL, at most `max` chars. */
export const wireString = (max: number, min = 0) =>
  fc.oneof(
    fc.string({ unit: wireChar, minLength: min, maxLength: max }),
    fc.string({ unit: "grapheme-ascii", minLength: min, maxLength: max }),
  );

// Ids are made unique per delivery by the caller (see `uniqueIds`); these are the raw shapes.
const idShape: fc.Arbitrary<string | number> = fc.oneof(
  fc.uuid(),
  wireString(40, 1),
  fc.nat({ max: 999_999 }),
);

const phone: fc.Arbitrary<string | number | null> = fc.oneof(
  fc.constantFrom("+79161234567", "8 (916) 123-45-67", "84951234567", "9161234567", "101"),
  fc.stringMatching(/^\+?[0-9]{3,15}$/),
  fc.constantFrom("anonymous", "", "sip:100@pbx.local"),
  wireString(40),
  fc.nat({ max: 99_999_999 }),
  fc.constant(null),
);

const timestamp = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z") })
  .filter((d) => !Number.isNaN(d.getTime()))
  .chain((d) =>
    fc.constantFrom(
      d.toISOString(),
      d.toISOString().replace(/\.\d{3}Z$/, "Z"),
      // The same instant written with a +03:00 (Moscow) offset.
      new Date(d.getTime() + 3 * 3600_000).toISOString().replace("Z", "+03:00"),
    ),
  );

const optional = <T>(arb: fc.Arbitrary<T>) =>
  fc.option(fc.option(arb, { nil: null }), { nil: undefined });
const seconds = fc.oneof(fc.nat({ max: 86_400 }), fc.double({ min: 0, max: 86_400, noNaN: true }));
const extraFields = fc.dictionary(
  wireString(12, 1),
  fc.jsonValue({ maxDepth: 2, stringUnit: wireChar }),
  { maxKeys: 3 },
);

const callData: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  callStarted: fc.record(
    {
      direction: fc.constantFrom("incoming", "outgoing"),
      from: phone,
      to: phone,
      workplaceId: optional(idShape),
      parked: optional(fc.boolean()),
      parkTimeoutMs: optional(fc.integer({ min: 1, max: 600_000 })),
    },
    { requiredKeys: ["direction", "from", "to"] },
  ),
  callDelivered: fc.record({ workplaceId: idShape }),
  callAnswered: fc.record({ workplaceId: idShape, party: fc.constantFrom("workplace", "remote") }),
  callRedirected: fc.record({
    fromWorkplaceId: idShape,
    reason: fc.constantFrom("noAnswer", "busy", "transfer", "unavailable"),
    to: fc.oneof(
      fc.record({ workplaceId: idShape }),
      fc.record({ number: fc.stringMatching(/^\+?[0-9]{3,15}$/) }),
    ),
  }),
  callEnded: fc.record(
    {
      result: fc.constantFrom("answered", "missed", "busy", "failed"),
      durationSec: optional(seconds),
      talkSec: optional(seconds),
      hasRecording: optional(fc.boolean()),
    },
    { requiredKeys: ["result"] },
  ),
  recordingReady: fc.record({
    recordingId: idShape,
    files: fc.array(
      fc.record({
        url: fc.webUrl(),
        format: fc.constantFrom("mp3", "wav", "MP3", "Wav"),
        durationSec: seconds,
        sizeBytes: fc.nat(),
      }),
      { maxLength: 3 },
    ),
  }),
};

export const CALL_TYPES = Object.keys(callData);

/** The parts of one valid call notification; the caller fills in unique ids. */
export type NotificationDraft = {
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
  extra: JsonObject;
};

export const callNotificationDraft = (type?: string): fc.Arbitrary<NotificationDraft> =>
  (type ? fc.constant(type) : fc.constantFrom(...CALL_TYPES)).chain((t) =>
    fc.record({
      type: fc.constant(t),
      occurredAt: timestamp,
      data: callData[t] ?? fc.constant({}),
      extra: extraFields,
    }),
  );

export const settingsDraft: fc.Arbitrary<NotificationDraft> = fc.record({
  type: fc.constant("settingsChanged"),
  occurredAt: timestamp,
  data: fc.record(
    {
      sections: optional(
        fc.array(fc.oneof(fc.constantFrom("workplaces", "numbers"), wireString(10))),
      ),
    },
    { requiredKeys: [] },
  ),
  extra: extraFields,
});

let sequence = 0;

/** A fresh id of the same shape: runs share one database, so ids must not repeat by accident. */
export function uniqueIds(shape: string | number | undefined): string | number {
  sequence++;
  if (typeof shape === "number") return sequence * 1_000_000 + (shape % 1_000_000);
  // By code points, so an astral character is never cut in half; at most 120 UTF-16 units.
  return [...`${sequence}~${shape ?? ""}`].slice(0, 60).join("");
}

/** The body the PBX would send for a draft, with unique notification, call and nested ids. */
export function buildNotification(draft: NotificationDraft, callId: string | number, id?: string) {
  const data: Record<string, unknown> = { ...draft.data };
  if (draft.type !== "settingsChanged") data.callId = callId;
  if ("recordingId" in data) data.recordingId = uniqueIds(data.recordingId as string | number);
  return {
    ...draft.extra,
    id: id ?? uniqueIds(undefined),
    type: draft.type,
    occurredAt: draft.occurredAt,
    data,
  };
}

// ---- hostile values ----

const LONE_SURROGATES = ["\ud800", "\udfff", "a\ud83d", "\ude00b"];

const hugeString = fc
  .tuple(
    fc.constantFrom("x", "я", "😀", "\u0000", "\u202e", "\ufeff", '"\\'),
    fc.integer({ min: 300, max: 120_000 }),
  )
  .map(([unit, count]) => unit.repeat(Math.ceil(count / unit.length)));

const numberish: fc.Arbitrary<Json> = fc.constantFrom(
  -1,
  -0,
  0.5,
  1e308,
  -1e308,
  5e-324,
  2 ** 31,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  "NaN",
  "Infinity",
  "-Infinity",
  "1e999",
  "0x10",
  "",
);

const timestampish = fc.constantFrom(
  "2024-13-01T00:00:00Z",
  "2024-02-30T10:00:00Z",
  "2024-06-30T23:59:60Z",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999999999+14:00",
  "2024-01-01T00:00:00",
  "2024-01-01",
  "yesterday",
  "1700000000",
);

/** A marker replaced by raw deeply nested JSON text after serialisation (see `serialize`). */
export const deepMarker = fc
  .integer({ min: 100, max: 110_000 })
  .map((depth) => `\u0001deep:${depth}\u0001`);

export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3, stringUnit: "binary" }),
  hugeString,
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom(...LONE_SURROGATES, "\u0000", "a\u0000b", "\u202e\u200f", "\ufeff"),
  numberish,
  timestampish,
  fc.constantFrom<Json>(
    null,
    true,
    false,
    [],
    {},
    [null],
    { "": "" },
    JSON.parse('{"__proto__":1}') as Json,
  ),
  deepMarker,
);

/** JSON text; deep markers become "[[[…]]]" nested past what any parser's recursion allows. */
export function serialize(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001deep:(\d+)\\u0001"/g, (_m, depth: string) => {
    const n = Number(depth);
    return `${"[".repeat(n)}${"]".repeat(n)}`;
  });
}

// ---- mutations of a valid notification ----

export type Mutation = { at: number; kind: "set" | "delete" | "add"; name: string; value: Json };

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("set", "set", "delete", "add"),
  name: fc.oneof(fc.constantFrom("id", "callId", "__proto__", "constructor"), wireString(8, 1)),
  value: hostileValue,
});

/** An extreme value of a field's own kind: huge, tiny, negative, fractional, long text. */
export const extremeValue: fc.Arbitrary<Json> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e308, 1e15, 2 ** 31, 2 ** 53, -1, 0.5, 5e-324),
  fc.integer({ min: 2 ** 31 - 2, max: 2 ** 53 }),
  fc
    .tuple(fc.constantFrom("9", "x", "я", "😀", " "), fc.integer({ min: 60, max: 5000 }))
    .map(([unit, n]) => unit.repeat(n)),
);

/** Sets the `at`-th (modulo) leaf of a copy, so every field in turn meets extreme values. */
export function setLeaf(notification: Record<string, unknown>, at: number, value: Json) {
  const copy = structuredClone(notification);
  const leaves = slotsOf(copy).filter(({ parent, key }) => {
    const v: unknown = Array.isArray(parent) ? parent[Number(key)] : parent[key];
    return v === null || typeof v !== "object";
  });
  const leaf = leaves[at % leaves.length];
  if (leaf) Reflect.set(leaf.parent, leaf.key, value);
  return copy;
}

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function slotsOf(root: Record<string, unknown>): Slot[] {
  const slots: Slot[] = [];
  const stack: Array<Record<string, unknown> | unknown[]> = [root];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    const keys: Array<string | number> = Array.isArray(parent)
      ? parent.map((_v, i) => i)
      : Object.keys(parent);
    for (const k of keys) {
      slots.push({ parent, key: k });
      const child: unknown = Array.isArray(parent) ? parent[Number(k)] : parent[k];
      if (child && typeof child === "object") stack.push(child as Record<string, unknown>);
    }
  }
  return slots;
}

export function mutate(notification: Record<string, unknown>, mutations: Mutation[]) {
  const copy = structuredClone(notification);
  for (const m of mutations) {
    const slots = slotsOf(copy);
    const slot = slots[m.at % slots.length];
    if (!slot) continue;
    const { parent } = slot;
    if (Array.isArray(parent)) {
      if (m.kind === "delete") parent.splice(Number(slot.key), 1);
      else parent[Number(slot.key)] = m.value;
    } else if (m.kind === "add") {
      // defineProperty, so "__proto__" becomes an own key as JSON.parse would make it.
      Object.defineProperty(parent, m.name, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else if (m.kind === "delete") {
      Reflect.deleteProperty(parent, slot.key);
    } else {
      Reflect.set(parent, slot.key, m.value);
    }
  }
  return copy;
}
