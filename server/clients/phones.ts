import { phoneTakenCode } from "@/lib/schemas/clients";
import { Prisma } from "@/server/db";
import { AppError } from "@/server/errors";

type Tx = Prisma.TransactionClient;

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * A number belongs to one client per tenant (it is how calls find their client). Names the
 * client that already has it, as a field error on the phone's row of the form.
 */
export async function assertPhonesFree(
  tx: Tx,
  tenantId: string,
  phones: readonly string[],
  exceptClientId: string | null,
): Promise<void> {
  if (phones.length === 0) return;
  const taken = await tx.clientPhone.findMany({
    where: {
      tenantId,
      e164: { in: [...phones] },
      ...(exceptClientId ? { clientId: { not: exceptClientId } } : {}),
    },
    select: { e164: true, client: { select: { name: true } } },
  });
  if (taken.length === 0) return;
  const fieldErrors: Record<string, string[]> = {};
  for (const row of taken) {
    fieldErrors[`phones.${phones.indexOf(row.e164)}`] = [phoneTakenCode(row.client.name)];
  }
  const first = taken[0];
  throw new AppError(
    "VALIDATION",
    `The number ${first?.e164 ?? ""} already belongs to ${first?.client.name ?? "another client"}`,
    { fieldErrors },
  );
}

/**
 * Earlier calls from (or to) these numbers that found no client at the time now belong to this
 * one, so the client's history is complete. Returns the calls still in progress, to publish.
 */
export async function linkExistingCalls(
  tx: Tx,
  tenantId: string,
  clientId: string,
  phones: readonly string[],
): Promise<Array<{ callId: string; managerId: string | null }>> {
  if (phones.length === 0) return [];
  const rows = await tx.$queryRaw<Array<{ id: string; manager_id: string | null; state: string }>>`
    UPDATE calls SET client_id = ${clientId}::uuid, updated_at = now()
    WHERE tenant_id = ${tenantId}::uuid AND client_id IS NULL
      AND CASE WHEN direction = 'OUT' THEN to_number ELSE from_number END = ANY(${[...phones]}::text[])
    RETURNING id, manager_id, state`;
  return rows
    .filter((row) => row.state !== "ENDED")
    .map((row) => ({ callId: row.id, managerId: row.manager_id }));
}
