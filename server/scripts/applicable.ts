// Which scripts a call is checked against: enabled, of the call's direction (none listed: any),
// and of the company number the call went through (none listed: any). An incoming call's number
// is the one dialed, an outgoing call's the one it was placed from.

export type ScriptScope = { isEnabled: boolean; directions: string[]; numbers: string[] };
export type CallScope = { direction: string; fromNumber: string; toNumber: string };

export function companyNumberOf(call: CallScope): string {
  return call.direction === "OUT" ? call.fromNumber : call.toNumber;
}

export function scriptApplies(script: ScriptScope, call: CallScope): boolean {
  if (!script.isEnabled) return false;
  if (script.directions.length > 0 && !script.directions.includes(call.direction)) return false;
  return script.numbers.length === 0 || script.numbers.includes(companyNumberOf(call));
}
