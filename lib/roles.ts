import type { Role } from "@/lib/schemas/users";

// The role predicates, safe for the browser (pages decide what to render with them); the server's
// policy (server/policy/policy.ts) builds every permission and visibility rule on these two.

/** Admins and supervisors: every call, client, report and routing rule of the company. */
export const isStaffRole = (role: Role): boolean => role === "ADMIN" || role === "SUPERVISOR";

/** Admins alone: users, API keys, telephony, organisation settings, audit. */
export const isAdminRole = (role: Role): boolean => role === "ADMIN";
