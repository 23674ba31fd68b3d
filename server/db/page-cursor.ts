import { AppError } from "@/server/errors";

/**
 * A page cursor is the id of the previous page's last row. Prisma pages on from that row's sort
 * position wherever the row lives, so a cursor naming another company's row would tell, page
 * by page, where that row sorts among the caller's own (an oracle on its name or time). Lists
 * therefore accept only a cursor that `countOwn` (a count scoped like the list) finds.
 */
export async function requireOwnCursor(countOwn: Promise<number>): Promise<void> {
  if ((await countOwn) === 0) throw new AppError("VALIDATION", "Invalid page cursor");
}
