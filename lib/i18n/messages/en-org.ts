// English texts of the organization settings page; merged into en.ts.
export const enOrg = {
  "settings.organization": "Organization",
  "org.description":
    "Settings that apply to everyone in {company}: time zone for schedules and reports, how unknown callers are handled, service level and recording retention.",
  "org.name": "Organization name",
  "org.timeZone": "Time zone",
  "org.timeZoneHint":
    "Routing schedules, “today” on the live board and report periods use this time zone.",
  "org.timeZoneInvalid": "Choose a time zone from the list",
  "org.clientsHeading": "Callers",
  "org.autoCreateClients": "Create a client card for every unknown caller",
  "org.autoCreateClientsHint":
    "Off: calls from unknown numbers stay “unknown” until someone creates the client. On: a card named after the number is created with the first call.",
  "org.defaultOwner": "Default owner of follow-ups",
  "org.defaultOwnerHint":
    "Gets the follow-up task when a caller without a personal manager is missed.",
  "org.defaultOwnerNone": "Nobody (tasks stay unassigned)",
  "org.serviceLevelHeading": "Service level",
  "org.serviceLevelSec": "Answer within, seconds",
  "org.serviceLevelHint":
    "Service level is the share of incoming calls answered within this time. Reports and the live board use it.",
  "org.serviceLevelInvalid": "Enter a whole number of seconds from 1 to 600",
  "org.recordingsHeading": "Call recordings",
  "org.retentionKeep": "Keep recordings forever",
  "org.retentionDays": "Delete audio older than, days",
  "org.retentionHint":
    "A daily job deletes older audio and keeps the call and recording details. MTT keeps its own copy of recordings for 90 days after the service is switched off.",
  "org.retentionInvalid": "Enter a whole number of days from 1 to 3650",
  "org.nameRequired": "Enter the organization name",
  "org.save": "Save settings",
  "org.saving": "Saving…",
  "org.saved": "Settings saved.",
  "org.unsaved": "You have unsaved changes.",
  "org.loadFailed": "Couldn't load the organization settings.",
} as const;
