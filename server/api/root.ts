import { apiKeysRouter } from "./routers/apiKeys";
import { callsRouter } from "./routers/calls";
import { controlRouter } from "./routers/control";
import { clientsRouter } from "./routers/clients";
import { directoryRouter } from "./routers/directory";
import { feedRouter } from "./routers/feed";
import { integrationRouter } from "./routers/integration";
import { invitesRouter } from "./routers/invites";
import { meRouter } from "./routers/me";
import { recordingsRouter } from "./routers/recordings";
import { reportsRouter } from "./routers/reports";
import { tasksRouter } from "./routers/tasks";
import { routingRouter } from "./routers/routing";
import { tenantRouter } from "./routers/tenant";
import { usersRouter } from "./routers/users";
import { createCallerFactory, router } from "./trpc";

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
  feed: feedRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
