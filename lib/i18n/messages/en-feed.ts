// English texts of the notification feed health banner; merged into en.ts.
export const enFeed = {
  "feed.gap.title": "Some calls may be missing",
  "feed.gap.DOWNTIME":
    "Pult could not receive call notifications from the PBX since {since}, for longer than the PBX keeps resending them. Calls from that time are filled in from the PBX call history.",
  "feed.gap.MISSING_CALLS":
    "The PBX call history has calls since {since} that never reached Pult. They are filled in from the history.",
  "feed.gap.reconciling": "Filling in calls from the PBX call history now…",
  "feed.gap.waiting": "Pult checks the PBX call history every 5 minutes.",
  "feed.gap.lastError": "The last attempt at {time} failed; Pult tries again shortly.",
  "feed.gap.lastReconciled": "Last compared with the PBX history at {time}.",
};
