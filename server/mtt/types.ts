// Domain shapes the MTT adapter hands to the rest of Pult. Nothing here mirrors MTT's wire
// names; see wire-schemas.ts for those.

export type WorkplaceDistribution = "all" | "serial" | "random" | "other";
export type TerminalKind = "sip" | "app" | "mobile" | "forward" | "other";
export type PbxNumberKind = "city" | "tollfree" | "mobile" | "other";

export type PbxTerminal = {
  externalId: string;
  kind: TerminalKind;
  label: string;
  address: string;
};

export type PbxWorkplace = {
  externalId: string;
  name: string;
  extension: string;
  distribution: WorkplaceDistribution;
  terminals: PbxTerminal[];
};

export type PbxNumber = {
  /** "+7…" when the PBX sent something that looks like a phone number; otherwise as sent. */
  e164: string;
  kind: PbxNumberKind;
  label: string;
  parking: boolean;
  workplaceExternalIds: string[];
};

export type PbxStructure = {
  version: string;
  workplaces: PbxWorkplace[];
  numbers: PbxNumber[];
};

export type CallDirection = "incoming" | "outgoing";
export type CallResult = "answered" | "missed" | "busy" | "failed";

export type PbxCallRecord = {
  callId: string;
  direction: CallDirection;
  from: string;
  to: string;
  startedAt: Date;
  answeredAt?: Date;
  endedAt: Date;
  /** "other" for results newer than our contract, so one odd row does not fail a reconcile. */
  result: CallResult | "other";
  workplaceId?: string;
};

/** A call the PBX has in progress (getActiveCalls, assumed: docs/mtt-open-api.md §2.1). */
export type PbxActiveCall = {
  callId: string;
  /** "other" for states newer than our contract: the call is still in progress. */
  state: "parked" | "ringing" | "talking" | "other";
  startedAt: Date;
};

export type RecordingFileInfo = {
  url: string;
  format: "mp3" | "wav";
  durationSec: number;
  sizeBytes: number;
};

export type PbxRecording = { recordingId: string; files: RecordingFileInfo[] };

/** Where a call goes: a workplace of this PBX or an outside number. */
export type CallTarget = { workplaceId: string } | { number: string };

export type SettingsSection = "workplaces" | "terminals" | "numbers" | "other";
export type RedirectReason = "noAnswer" | "busy" | "transfer" | "unavailable";
export type AnsweringParty = "workplace" | "remote";

type NotificationBase = { id: string; occurredAt: Date };

export type SettingsChangedNotification = NotificationBase & {
  type: "settingsChanged";
  data: { sections: SettingsSection[] };
};

export type CallStartedNotification = NotificationBase & {
  type: "callStarted";
  data: {
    callId: string;
    direction: CallDirection;
    from: string;
    to: string;
    workplaceId?: string;
    parked: boolean;
    parkTimeoutMs: number;
  };
};

export type CallDeliveredNotification = NotificationBase & {
  type: "callDelivered";
  data: { callId: string; workplaceId: string };
};

export type CallAnsweredNotification = NotificationBase & {
  type: "callAnswered";
  data: { callId: string; workplaceId: string; party: AnsweringParty };
};

export type CallRedirectedNotification = NotificationBase & {
  type: "callRedirected";
  data: { callId: string; fromWorkplaceId: string; reason: RedirectReason; to: CallTarget };
};

export type CallEndedNotification = NotificationBase & {
  type: "callEnded";
  data: {
    callId: string;
    result: CallResult;
    durationSec: number;
    talkSec: number;
    hasRecording: boolean;
  };
};

export type RecordingReadyNotification = NotificationBase & {
  type: "recordingReady";
  data: { callId: string; recordingId: string; files: RecordingFileInfo[] };
};

export type MttNotification =
  | SettingsChangedNotification
  | CallStartedNotification
  | CallDeliveredNotification
  | CallAnsweredNotification
  | CallRedirectedNotification
  | CallEndedNotification
  | RecordingReadyNotification;

export type MttNotificationType = MttNotification["type"];

export type MttNotificationOf<T extends MttNotificationType> = Extract<
  MttNotification,
  { type: T }
>;
