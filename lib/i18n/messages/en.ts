// The English dictionary defines the key set; ru.ts must provide exactly the same keys.
// Plural entries are objects keyed by Intl.PluralRules categories and use {count}.
import { enApi } from "@/lib/i18n/messages/en-api";
import { enWebhooks } from "@/lib/i18n/messages/en-webhooks";
import { enCalls } from "@/lib/i18n/messages/en-calls";
import { enClients } from "@/lib/i18n/messages/en-clients";
import { enFeed } from "@/lib/i18n/messages/en-feed";
import { enLive } from "@/lib/i18n/messages/en-live";
import { enOrg } from "@/lib/i18n/messages/en-org";
import { enPbx } from "@/lib/i18n/messages/en-pbx";
import { enRecordings } from "@/lib/i18n/messages/en-recordings";
import { enReports } from "@/lib/i18n/messages/en-reports";
import { enRouting } from "@/lib/i18n/messages/en-routing";
import { enTalk } from "@/lib/i18n/messages/en-talk";
import { enTranscripts } from "@/lib/i18n/messages/en-transcripts";
import { enTasks } from "@/lib/i18n/messages/en-tasks";
import { enQuality } from "@/lib/i18n/messages/en-quality";
import { enScripts } from "@/lib/i18n/messages/en-scripts";

export const en = {
  "app.name": "Pult",
  "app.tagline": "Contact-center console for MTT Business",

  "common.cancel": "Cancel",
  "common.close": "Close",
  "common.copy": "Copy",
  "common.copied": "Copied",
  "common.done": "Done",
  "common.retry": "Try again",
  "common.loading": "Loading…",
  "common.skipToContent": "Skip to content",
  "common.toConsole": "Go to the console",
  "common.none": "—",
  "common.search": "Search",
  "common.noMatches": "Nothing matches",
  "common.clearSelection": "Clear: {label}",

  "language.label": "Language",
  "language.ru": "Русский",
  "language.en": "English",
  "language.saveFailed": "Couldn't save your language choice. Try again.",

  "role.ADMIN": "Administrator",
  "role.SUPERVISOR": "Supervisor",
  "role.MANAGER": "Manager",

  "status.INVITED": "Invited",
  "status.ACTIVE": "Active",
  "status.DISABLED": "Disabled",

  "error.UNAUTHENTICATED": "Your session has ended. Sign in again.",
  "error.FORBIDDEN": "You don't have permission to do this.",
  "error.NOT_FOUND": "This item no longer exists. Reload the page.",
  "error.CONFLICT": "Someone changed this at the same time. Reload the page and try again.",
  "error.GONE": "This item is no longer available.",
  "error.VALIDATION": "Check the highlighted fields.",
  "error.PAYLOAD_TOO_LARGE": "This file or request is too large.",
  "error.UNSUPPORTED_MEDIA_TYPE": "This file type is not supported.",
  "error.RATE_LIMITED": "Too many requests. Wait a moment and try again.",
  "error.LAST_ADMIN": "The company must keep at least one active administrator.",
  "error.SELF_ACTION": "You can't do this to your own account.",
  "error.EMAIL_TAKEN": "A user with this email already exists.",
  "error.ALREADY_EVALUATED": "You have already evaluated this call. Open your evaluation below.",
  "error.CALL_NOT_EVALUABLE":
    "Only an answered call with a manager and a recording can be evaluated.",
  "error.INVITE_INVALID": "This invite link is invalid, expired or already used.",
  "error.RECORDING_NOT_STORED": "The call has no downloaded recording to analyse yet.",
  "error.UNAVAILABLE": "The service is temporarily unavailable. Try again in a minute.",
  "error.INTERNAL": "Something went wrong on our side. Try again.",
  "error.NETWORK": "Can't reach Pult. Check your connection and try again.",

  "validation.required": "Fill in this field.",
  "validation.email": "Enter an email address like name@company.com.",
  "validation.passwordTooShort": {
    one: "Must be at least {count} character.",
    other: "Must be at least {count} characters.",
  },
  "validation.tooLong": "This is too long.",
  "validation.invalid": "Check this value.",

  "signin.metaTitle": "Sign in",
  "signin.title": "Sign in to Pult",
  "signin.subtitle": "Use the work email your administrator invited.",
  "signin.email": "Email",
  "signin.password": "Password",
  "signin.submit": "Sign in",
  "signin.submitting": "Signing in…",
  "signin.or": "or",
  "signin.sso": "Sign in with {provider}",
  "signin.noAccount": "Accounts are created by invitation. Ask your administrator for a link.",
  "signin.error.invalid_credentials": "Incorrect email or password.",
  "signin.error.rate_limited": {
    one: "Too many attempts. Try again in {count} second.",
    other: "Too many attempts. Try again in {count} seconds.",
  },
  "signin.error.rate_limited_soon": "Too many attempts. Try again a little later.",
  "signin.error.missing_fields": "Enter your email and password.",
  "signin.error.disabled": "Your account is disabled. Contact your administrator.",
  "signin.error.sso_not_invited":
    "There is no Pult account for this email. Ask your administrator to invite you.",
  "signin.error.sso_failed": "Single sign-on didn't work. Try again or sign in with your password.",

  "invite.metaTitle": "Accept invitation",
  "invite.title": "Join {company} in Pult",
  "invite.intro": "Choose how your name is shown to colleagues and set a password.",
  "invite.email": "Email",
  "invite.name": "Your name",
  "invite.password": "Password",
  "invite.passwordHint": {
    one: "At least {count} character.",
    other: "At least {count} characters.",
  },
  "invite.confirm": "Repeat password",
  "invite.mismatch": "The passwords don't match.",
  "invite.submit": "Create account and sign in",
  "invite.submitting": "Creating your account…",
  "invite.signingIn": "Account created. Signing you in…",
  "invite.invalidTitle": "This invite link doesn't work",
  "invite.invalidBody":
    "It may have expired or already been used. Ask your administrator for a new link.",
  "invite.toSignin": "Go to sign in",

  "nav.label": "Main navigation",
  "nav.live": "Live",
  "nav.calls": "Calls",
  "nav.clients": "Clients",
  "nav.routing": "Routing",
  "nav.reports": "Reports",
  "nav.quality": "Quality",
  "nav.tasks": "Tasks",
  "nav.tasksOpen": "Open callback tasks: {count}",
  "nav.settings": "Settings",
  "nav.openMenu": "Open navigation",
  "nav.closeMenu": "Close navigation",

  "userMenu.button": "Account menu for {name}",
  "userMenu.profile": "Profile settings",
  "userMenu.signOut": "Sign out",

  "setup.needPbxAdmin": "First connect your company's MTT PBX in Settings\u00a0→ Telephony.",
  "setup.openTelephony": "Open Telephony settings",
  "setup.needPbxOther": "Your administrator needs to connect the company's MTT PBX first.",

  "calls.title": "Calls",
  "calls.emptyTitle": "No call history yet",
  "calls.emptyBody":
    "Every incoming and outgoing call will be listed here with its outcome, duration and recording, searchable by number, client and manager.",
  "clients.title": "Clients",
  "clients.emptyTitle": "No clients yet",
  "clients.emptyBody":
    "Clients are recognised by their phone numbers. Here you will assign each client to a manager so that the manager's card pops up and calls go straight to them.",
  "routing.title": "Routing",
  "routing.emptyTitle": "No routing rules yet",
  "routing.emptyBody":
    "Routing rules decide where a waiting call goes: to the client's own manager, to a group, or to whoever is free. The rules editor needs the PBX's workplaces and numbers.",
  "reports.title": "Reports",
  "reports.emptyTitle": "No reports yet",
  "reports.emptyBody":
    "Reports on answered and missed calls, waiting times and each manager's workload are built from call history, so they fill in once calls start coming in.",

  "settings.title": "Settings",
  "settings.navLabel": "Settings sections",
  "settings.profile": "Profile",
  "settings.users": "Users",
  "settings.telephony": "Telephony",
  "settings.workplaces": "Workplaces",

  "profile.description": "Your account in {company}.",
  "profile.name": "Name",
  "profile.email": "Email",
  "profile.role": "Role",
  "profile.language": "Interface language",
  "profile.languageHint": "Pult remembers this choice for your account on every device.",

  "users.description": "People who can sign in to Pult, their roles and access.",
  "users.invite": "Invite user",
  "users.count": {
    one: "{count} user",
    other: "{count} users",
  },
  "users.colName": "Name",
  "users.colEmail": "Email",
  "users.colRole": "Role",
  "users.colStatus": "Status",
  "users.colWorkplace": "Workplace",
  "users.colLastLogin": "Last sign-in",
  "users.colActions": "Actions",
  "users.never": "Never",
  "users.you": "You",
  "users.roleFor": "Role for {name}",
  "users.roleSaved": "{name} is now {role}.",
  "users.disable": "Disable",
  "users.enable": "Enable",
  "users.newLink": "New invite link",
  "users.emptyTitle": "No users yet",
  "users.emptyBody": "Invite your supervisors and managers to give them access.",
  "users.loadFailed": "Couldn't load the users.",
  "users.disableTitle": "Disable {name}?",
  "users.disableBody":
    "They will be signed out and won't be able to sign in until you enable them again. Their calls and history stay in Pult.",
  "users.disableConfirm": "Disable user",
  "users.enableTitle": "Enable {name}?",
  "users.enableBody": "They will be able to sign in to Pult again with their password.",
  "users.enableConfirm": "Enable user",
  "users.disabledNotice": "{name} is disabled.",
  "users.enabledNotice": "{name} is enabled.",

  "invite.dialogTitle": "Invite a user",
  "invite.dialogBody":
    "Pult doesn't send emails: you'll get a link to give to the person yourself.",
  "invite.fieldEmail": "Work email",
  "invite.fieldName": "Full name",
  "invite.fieldRole": "Role",
  "invite.create": "Create invite link",
  "invite.creating": "Creating…",
  "invite.linkTitle": "Invite link for {name}",
  "invite.linkBody": "Send this link to {email}. It can be used once and works until {expires}.",
  "invite.linkLabel": "Invite link",
  "invite.newLinkTitle": "New invite link for {name}",
  "invite.newLinkBody": "The previous link no longer works.",
  "invite.copyFailed": "Couldn't copy automatically. Select the link and copy it.",

  "forbidden.title": "You don't have access to this page",
  "forbidden.body": "Only administrators can open it. Ask your administrator if you need access.",
  "notFound.title": "Page not found",
  "notFound.body": "The address may be mistyped, or the page has moved.",
  "errorPage.title": "Something went wrong",
  "errorPage.body":
    "The page couldn't be displayed. Try again; if it keeps happening, tell your administrator.",
  "errorPage.reference": "Reference: {digest}",
  ...enPbx,
  ...enApi,
  ...enWebhooks,
  ...enRouting,
  ...enLive,
  ...enClients,
  ...enOrg,
  ...enRecordings,
  ...enTalk,
  ...enTranscripts,
  ...enReports,
  ...enTasks,
  ...enCalls,
  ...enFeed,
  ...enQuality,
  ...enScripts,
} as const;
