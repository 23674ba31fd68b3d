import { apiKeysRouter } from "@/server/api/routers/apiKeys";
import { callsRouter } from "@/server/api/routers/calls";
import { controlRouter } from "@/server/api/routers/control";
import { clientsRouter } from "@/server/api/routers/clients";
import { directoryRouter } from "@/server/api/routers/directory";
import { feedRouter } from "@/server/api/routers/feed";
import { integrationRouter } from "@/server/api/routers/integration";
import { invitesRouter } from "@/server/api/routers/invites";
import { meRouter } from "@/server/api/routers/me";
import { qualityRouter } from "@/server/api/routers/quality";
import { recordingsRouter } from "@/server/api/routers/recordings";
import { reportsRouter } from "@/server/api/routers/reports";
import { tasksRouter } from "@/server/api/routers/tasks";
import { talkRouter } from "@/server/api/routers/talk";
import { transcriptsRouter } from "@/server/api/routers/transcripts";
import { routingRouter } from "@/server/api/routers/routing";
import { scriptsRouter } from "@/server/api/routers/scripts";
import { tenantRouter } from "@/server/api/routers/tenant";
import { usersRouter } from "@/server/api/routers/users";
import { webhooksRouter } from "@/server/api/routers/webhooks";
import { createCallerFactory, router } from "@/server/api/trpc";

export const appRouter = router({
  apiKeys: apiKeysRouter,
  me: meRouter,
  users: usersRouter,
  invites: invitesRouter,
  integration: integrationRouter,
  directory: directoryRouter,
  calls: callsRouter,
  clients: clientsRouter,
  tasks: tasksRouter,
  control: controlRouter,
  tenant: tenantRouter,
  routing: routingRouter,
  recordings: recordingsRouter,
  reports: reportsRouter,
  talk: talkRouter,
  transcripts: transcriptsRouter,
  feed: feedRouter,
  webhooks: webhooksRouter,
  quality: qualityRouter,
  scripts: scriptsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
