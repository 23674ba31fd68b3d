// Only a call someone is on (or that is ringing someone) can be handed over; parked calls are
// routing's business and ended calls are history.
export function isTransferable(call: { state: string }): boolean {
  return call.state === "TALKING" || call.state === "RINGING" || call.state === "ON_HOLD";
}
