// English texts of talk analytics (voice activity, no speech recognition) on the call page.
export const enTalk = {
  "talk.heading": "Talk analytics",
  "talk.pending": "Analysing who speaks when…",
  "talk.retrying": "The last attempt failed ({reason}); it will be retried.",
  "talk.failed": "Talk analytics could not be computed.",
  "talk.failedReason": "Reason: {reason}",
  "talk.notAnalysed": "This recording has not been analysed yet.",
  "talk.analyse": "Analyse",
  "talk.rerun": "Re-run analysis",
  "talk.monoNotice":
    "This recording is mono: the manager and the client share one channel, so only speech and silence are shown, not who spoke.",
  "talk.method":
    "Measured by voice-activity detection on the recording (no speech recognition); times are accurate to about a tenth of a second.",
  "talk.seconds": "{value} s",
  "talk.stripLabel": "Who speaks when",
  "talk.stripHint": "Click to play from that moment; ← and → go to the previous or next turn.",
  "talk.laneManager": "Manager",
  "talk.laneClient": "Client",
  "talk.laneSpeech": "Speech (mono recording)",
  "talk.managerTalk": "Manager talked",
  "talk.clientTalk": "Client talked",
  "talk.partyTalkHint": "Total time this party was speaking.",
  "talk.ratio": "Manager's share of talk",
  "talk.ratioHint": "The manager's talk time divided by both parties' talk time.",
  "talk.speech": "Speech",
  "talk.speechHint": "Time when at least one party was speaking.",
  "talk.silence": "Silence",
  "talk.silenceHint":
    "Pauses between speech when nobody spoke; before the first and after the last words is not counted.",
  "talk.longestSilence": "Longest silence",
  "talk.longestSilenceHint": "The longest pause between speech when nobody spoke.",
  "talk.overlaps": "Overlaps",
  "talk.overlapsHint": "How many times and for how long both parties spoke at once.",
  "talk.interruptions": "Manager's interruptions",
  "talk.interruptionsHint":
    "The manager started speaking while the client was speaking, and both went on together for at least half a second.",
  "talk.firstWords": "Manager's first words",
  "talk.firstWordsHint": "Time from the start of the recording to the manager's first words.",
  "talk.monologue": "Longest monologue",
  "talk.monologueHint":
    "The longest stretch of one party speaking: their pauses under 3 s and the other party's short remarks (under 1 s) do not end it.",
  "talk.party.MANAGER": "manager",
  "talk.party.CLIENT": "client",
  "talkReport.title": "Talk analytics per manager (averages per analysed call)",
  "talkReport.empty": "No analysed recordings of these managers' calls in this period.",
  "talkReport.note":
    "From the recordings by voice-activity detection. The share of talk and interruptions come from two-channel recordings only.",
  "talkReport.col.calls": "Analysed calls",
  "talkReport.col.talkRatio": "Manager's share of talk",
  "talkReport.col.silenceSec": "Silence",
  "talkReport.col.longestSilenceSec": "Longest silence",
  "talkReport.col.interruptions": "Interruptions",
  "talkReport.col.firstWordsSec": "First words",
  "talkReport.col.longestMonologueSec": "Longest monologue",
  "talkReport.def.calls":
    "Calls taken by the manager in the period whose recording has been analysed.",
  "talkReport.def.talkRatio":
    "Average of the manager's talk time divided by both parties' talk time.",
  "talkReport.def.silenceSec": "Average total of pauses between speech when nobody spoke.",
  "talkReport.def.longestSilenceSec": "Average of each call's longest pause when nobody spoke.",
  "talkReport.def.interruptions":
    "Average times per call the manager started speaking over the client.",
  "talkReport.def.firstWordsSec":
    "Average time from the start of the recording to the manager's first words.",
  "talkReport.def.longestMonologueSec":
    "Average of each call's longest monologue, by either party.",
} as const;
