import type { Prisma } from "../db";

/**
 * The calls a manager may open (timeline, recordings): the calls they took, and the calls of a
 * client whose personal manager they were when the call started, from a number that was the
 * client's then (calls.client_manager_id, kept by a database trigger: see the migration
 * call_client_manager). Access never reaches back in time: putting an unowned number on a card of
 * one's own links its earlier calls to the card but shows their timelines and recordings to no
 * one new, and a handover shows the new manager the calls from then on while the previous one
 * keeps the calls of their time. Supervisors and admins see every call of the company.
 */
export const callsOfManager = (userId: string): Prisma.CallWhereInput => ({
  OR: [{ managerId: userId }, { clientManagerId: userId }],
});
