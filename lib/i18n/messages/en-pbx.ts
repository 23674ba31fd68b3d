// English texts of Settings → Telephony and Workplaces; merged into en.ts.
export const enPbx = {
  "telephony.title": "MTT Business PBX",
  "telephony.description":
    "Connect Pult to your company's MTT Business virtual PBX: Pult then mirrors its workplaces and numbers and receives every call as it happens.",
  "telephony.loadFailed": "Couldn't load the telephony settings.",
  "telephony.rejected.title": "Rejected notifications",
  "telephony.rejected.description":
    "Notifications from the PBX that Pult could not accept (malformed or incomplete). The PBX does not resend them.",
  "telephony.rejected.empty": "None: every notification from the PBX was accepted.",
  "telephony.connectionTitle": "Connection",
  "telephony.status.NOT_CONNECTED": "Not connected",
  "telephony.status.CONNECTED": "Connected",
  "telephony.status.NEEDS_REAUTH": "Needs re-authorization",
  "telephony.status.ERROR": "Error",
  "telephony.statusText.NOT_CONNECTED":
    "Pult isn't connected to the PBX yet. Follow the steps below: it takes about five minutes.",
  "telephony.statusText.CONNECTED":
    "Pult is connected to the PBX: it receives call notifications and keeps workplaces and numbers in sync.",
  "telephony.statusText.NEEDS_REAUTH":
    "MTT no longer accepts Pult's authorization, so calls aren't coming in. An administrator has to sign in to MTT again.",
  "telephony.statusText.ERROR":
    "The last exchange with MTT failed. Check the error below; if it persists, re-authorize.",
  "telephony.simulator": "Demo PBX simulator",
  "telephony.simulatorHint":
    "Connected to the PBX simulator bundled with Pult: calls are generated for the demo, not real.",
  "telephony.reauthNeededTitle": "Authorize Pult at MTT again",
  "telephony.reauthSoonTitle": "The MTT authorization expires within 24 hours",
  "telephony.reauthBody":
    "Pult renews its access to MTT automatically, but MTT asks for a new sign-in every few days if renewal was not possible. Sign in to MTT once more to keep calls coming in.",
  "telephony.reauthorize": "Re-authorize",
  "telephony.accessExpires": "Access token expires",
  "telephony.refreshExpires": "Authorization valid until",
  "telephony.lastNotification": "Last notification",
  "telephony.lastSync": "Last sync",
  "telephony.feedFilled": "Filled in from PBX history",
  "telephony.feedLastReconciled": "last check {time}",
  "telephony.feedClosed": "Closed by Pult",
  "telephony.feedLastClosed": "end not reported by the PBX; last {time}",
  "telephony.feedClosedHint": "calls whose end the PBX never reported",
  "telephony.lastError": "Last error",
  "telephony.noneYet": "None yet",
  "telephony.countsSummary": "{workplaces} · {terminals} · {numbers}",
  "telephony.workplacesCount": {
    one: "{count} workplace",
    other: "{count} workplaces",
  },
  "telephony.terminalsCount": {
    one: "{count} terminal",
    other: "{count} terminals",
  },
  "telephony.numbersCount": {
    one: "{count} number",
    other: "{count} numbers",
  },
  "telephony.syncNow": "Sync now",
  "telephony.syncing": "Syncing…",
  "telephony.syncStep.queued": "Starting the sync…",
  "telephony.syncStep.fetching": "Fetching workplaces and numbers from MTT…",
  "telephony.syncStep.saving": "Saving the structure in Pult…",
  "telephony.syncDone": "Synced {workplaces}, {terminals}, {numbers}.",
  "telephony.syncFailed":
    "The sync didn't finish. Try again in a minute; if it keeps failing, re-authorize.",
  "telephony.openWorkplaces": "Open workplaces",
  "telephony.disconnect": "Disconnect",
  "telephony.disconnectTitle": "Disconnect the MTT PBX?",
  "telephony.disconnectBody":
    "Pult deletes its access to MTT and stops receiving calls. Workplaces, numbers and call history stay in Pult. You can connect again at any time.",
  "telephony.disconnectConfirm": "Disconnect",
  "telephony.disconnecting": "Disconnecting…",
  "telephony.disconnectedNotice": "The PBX is disconnected.",
  "telephony.connect": "Connect to MTT",
  "telephony.connecting": "Opening MTT…",
  "telephony.connectedTitle": "The PBX is connected",
  "telephony.connectedBody":
    "Pult is loading the workplaces and numbers; next, link each workplace to a manager.",
  "telephony.connectFailedTitle": "Couldn't connect to MTT",
  "telephony.connectError.state_mismatch":
    "The sign-in link expired or was opened twice. Press Connect to start again.",
  "telephony.connectError.access_denied":
    "The sign-in at MTT was cancelled. Press Connect when you're ready.",
  "telephony.connectError.invalid_grant":
    "MTT didn't accept the sign-in (the code was already used or has expired). Press Connect to start again.",
  "telephony.connectError.invalid_client":
    "MTT rejected the client ID or secret. Copy them again from the integration in the MTT cabinet, save and connect.",
  "telephony.connectError.unreachable":
    "Pult couldn't reach MTT's sign-in server. Check the OAuth URL under Advanced, or try again in a few minutes.",
  "telephony.connectError.unknown": "Something went wrong while connecting. Try again.",
  "telephony.connectErrorDetail": "Details: {detail}",
  "telephony.credentialsTitle": "MTT integration",
  "telephony.credentialsDescription":
    "Pult signs in to your PBX through an integration that an administrator creates in the MTT Business cabinet.",
  "telephony.stepsLabel": "How to connect",
  "telephony.step1":
    "In the MTT Business cabinet open Services → «Открытое API» → «Мои интеграции» and create an integration.",
  "telephony.step2": "Paste this Redirect URI into the integration.",
  "telephony.redirectUri": "Redirect URI",
  "telephony.redirectUriHint":
    "MTT also sends call notifications to this address. It contains a secret key: don't share it.",
  "telephony.copyFailed": "Couldn't copy automatically. Select the address and copy it.",
  "telephony.step3":
    "Press «Сгенерировать» in the cabinet, then paste the client ID and client secret into this form and save.",
  "telephony.step4":
    "Press Connect and sign in to MTT. You'll come back here, and Pult loads the workplaces and numbers.",
  "telephony.clientId": "Client ID",
  "telephony.clientSecret": "Client secret",
  "telephony.secretStored": "•••••••• stored",
  "telephony.secretKeepHint": "Leave empty to keep the stored secret.",
  "telephony.secretHint": "MTT shows the secret when you press «Сгенерировать».",
  "telephony.secretRequired":
    "Enter the client secret again: Pult sends the stored one only to the OAuth address it was saved with.",
  "telephony.privateAddress":
    "Pult does not connect to addresses on its own network (loopback, private or link-local). Use MTT's public address.",
  "telephony.advanced": "Advanced",
  "telephony.advancedHint": "Change these only if MTT or your support asks you to.",
  "telephony.apiUrl": "API URL",
  "telephony.oauthUrl": "OAuth URL",
  "telephony.save": "Save",
  "telephony.saving": "Saving…",
  "telephony.savedConnect": "Saved. Now press Connect to sign in to MTT.",
  "telephony.savedReauth": "Saved. Re-authorize for the new credentials to take effect.",
  "telephony.connectNeedsSave": "Save the client ID and secret first.",
  "telephony.connectNeedsSaveChanges": "Save your changes before connecting.",

  "workplaces.description":
    "Workplaces come from the MTT PBX. Link each one to a Pult user so that calls delivered to it are attributed to that person.",
  "workplaces.count": {
    one: "{count} workplace",
    other: "{count} workplaces",
  },
  "workplaces.showArchived": "Show archived ({count})",
  "workplaces.syncSettings": "Telephony settings",
  "workplaces.disconnectedNote":
    "The PBX is disconnected. This is the structure from the last sync; it updates again once you reconnect.",
  "workplaces.loadFailed": "Couldn't load the workplaces.",
  "workplaces.colWorkplace": "Workplace",
  "workplaces.colDistribution": "Distribution",
  "workplaces.colTerminals": "Terminals",
  "workplaces.colNumbers": "Numbers",
  "workplaces.colUser": "Pult user",
  "workplaces.extension": "ext. {extension}",
  "workplaces.distribution.ALL": "All terminals at once",
  "workplaces.distribution.SERIAL": "One after another",
  "workplaces.distribution.RANDOM": "Random terminal",
  "workplaces.distribution.OTHER": "Other",
  "workplaces.terminalKind.SIP": "SIP phone",
  "workplaces.terminalKind.APP": "MTT app",
  "workplaces.terminalKind.MOBILE": "Mobile phone",
  "workplaces.terminalKind.FORWARD": "Forwarding",
  "workplaces.terminalKind.OTHER": "Other",
  "workplaces.archived": "Archived",
  "workplaces.allArchived": "All workplaces are archived. Turn on “Show archived” to see them.",
  "workplaces.noTerminals": "No terminals",
  "workplaces.userFor": "Pult user for {name}",
  "workplaces.notLinked": "Not linked",
  "workplaces.userElsewhere": "{name} (now at {workplace})",
  "workplaces.linkedNotice": "{user} is linked to {workplace}.",
  "workplaces.unlinkedNotice": "{workplace} is no longer linked to anyone.",
  "workplaces.linkConflict":
    "Someone else was just linked to this workplace. Reload the page and try again.",
  "workplaces.emptyConnectTitle": "Connect the PBX to see its workplaces",
  "workplaces.emptyConnectBody":
    "Workplaces, terminals and numbers are loaded from the MTT PBX once it is connected in Settings → Telephony.",
  "workplaces.emptySyncTitle": "No workplaces yet",
  "workplaces.emptySyncBody":
    "The PBX is connected but no structure has been loaded. Run a sync on the Telephony page.",
  "workplaces.syncRunning": "Sync in progress…",
  "workplaces.numbersTitle": "Numbers",
  "workplaces.numbersCount": {
    one: "{count} number",
    other: "{count} numbers",
  },
  "workplaces.numbersDescription":
    "The company's phone numbers on the PBX and the workplaces their calls go to.",
  "workplaces.numbersLoadFailed": "Couldn't load the numbers.",
  "workplaces.noNumbers": "The PBX has no numbers yet.",
  "workplaces.colNumber": "Number",
  "workplaces.colKind": "Type",
  "workplaces.colParking": "Parking",
  "workplaces.colRoutedTo": "Routed to",
  "workplaces.parkingHint":
    "Incoming calls wait up to 5 seconds while Pult picks the right manager.",
  "workplaces.parkingOn": "Parking on",
  "workplaces.parkingOff": "No parking",
  "workplaces.numberKind.CITY": "City",
  "workplaces.numberKind.TOLLFREE": "Toll-free",
  "workplaces.numberKind.MOBILE": "Mobile",
  "workplaces.numberKind.OTHER": "Other",
} as const;
