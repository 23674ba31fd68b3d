import type { TranscriptSearchInput } from "@/lib/schemas/speech";
import { getDb, Prisma } from "@/server/db";
import type { Actor } from "@/server/policy/actor";
import { canSeeAllCalls } from "@/server/policy/policy";

// ts_headline marks the hit with these; the answer carries plain text parts, never HTML, so a
// phrase a speech service returned cannot inject markup.
const START = "\u0002";
const STOP = "\u0003";
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, ShortWord=2, HighlightAll=false`;

export type HeadlinePart = { text: string; isHit: boolean };

/** "a \u0002hit\u0003 b" → parts; markers never reach the browser. */
export function headlineParts(headline: string): HeadlinePart[] {
  const parts: HeadlinePart[] = [];
  for (const [i, piece] of headline.split(START).entries()) {
    if (i === 0) {
      if (piece) parts.push({ text: piece, isHit: false });
      continue;
    }
    const [hit = "", rest = ""] = piece.split(STOP);
    if (hit) parts.push({ text: hit, isHit: true });
    if (rest) parts.push({ text: rest, isHit: false });
  }
  return parts;
}

type Row = {
  call_id: string;
  start_ms: number;
  party: string | null;
  headline: string;
  hits: bigint;
  started_at: Date;
  direction: string;
  from_number: string | null;
  to_number: string | null;
  client_name: string | null;
  manager_name: string | null;
};

/**
 * Full-text search over the transcripts the viewer may read, with Russian stemming
 * (websearch_to_tsquery('russian', …): words in any form, "quoted phrases", -excluded): one
 * result per call, its first hit highlighted with the time to play from, newest calls first.
 */
export async function searchTranscripts(viewer: Actor, input: TranscriptSearchInput) {
  const offset = input.cursor ?? 0;
  // The same rule as visibleCalls (server/policy/policy.ts), in SQL.
  const scope = canSeeAllCalls(viewer)
    ? Prisma.empty
    : viewer.userId
      ? Prisma.sql`AND (c.manager_id = ${viewer.userId}::uuid OR c.client_manager_id = ${viewer.userId}::uuid)`
      : Prisma.sql`AND false`;
  const rows = await getDb().$queryRaw<Row[]>(Prisma.sql`
    WITH q AS (SELECT websearch_to_tsquery('russian', ${input.q}) AS query),
    hits AS (
      SELECT s.call_id, s.start_ms, s.party::text AS party, s.text,
        count(*) OVER (PARTITION BY s.call_id) AS hits,
        row_number() OVER (PARTITION BY s.call_id ORDER BY s.start_ms) AS n
      FROM transcript_segments s
      JOIN transcripts t ON t.id = s.transcript_id AND t.status = 'DONE'
      CROSS JOIN q
      WHERE s.tenant_id = ${viewer.tenantId}::uuid AND s.search_vector @@ q.query
    )
    SELECT h.call_id, h.start_ms, h.party, h.hits,
      ts_headline('russian', h.text, q.query, ${HEADLINE_OPTIONS}) AS headline,
      c.started_at, c.direction::text AS direction, c.from_number, c.to_number,
      cl.name AS client_name, m.name AS manager_name
    FROM hits h
    CROSS JOIN q
    JOIN calls c ON c.id = h.call_id AND c.tenant_id = ${viewer.tenantId}::uuid
    LEFT JOIN clients cl ON cl.id = c.client_id
    LEFT JOIN users m ON m.id = c.manager_id
    WHERE h.n = 1 ${scope}
    ORDER BY c.started_at DESC, c.id
    LIMIT ${input.limit + 1} OFFSET ${offset}`);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => ({
      callId: row.call_id,
      atSec: row.start_ms / 1000,
      party: row.party,
      parts: headlineParts(row.headline),
      hits: Number(row.hits),
      startedAt: row.started_at,
      direction: row.direction,
      fromNumber: row.from_number,
      toNumber: row.to_number,
      clientName: row.client_name,
      managerName: row.manager_name,
    })),
    nextCursor: rows.length > input.limit ? offset + input.limit : undefined,
  };
}
