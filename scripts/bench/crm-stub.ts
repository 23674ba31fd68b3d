// A CRM for the routing bench's "ask the CRM" mode: answers Pult's lookup (docs/crm-integration.md)
// with the caller's personal manager's email after a set delay, every `lateEvery`-th request after
// the rule's budget instead (Pult must take the fallbacks then), and "no target" (204) for a
// caller it does not know.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

const lookupSchema = z.object({ data: z.object({ from: z.string() }) });

export type CrmStub = {
  url: string;
  stats: { requests: number; late: number; unknown: number };
  close(): Promise<void>;
};

export async function startCrmStub(opts: {
  answerMs: number;
  lateMs: number;
  lateEvery: number;
  emailByPhone: Map<string, string>;
}): Promise<CrmStub> {
  const stats = { requests: 0, late: 0, unknown: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      stats.requests++;
      const isLate = stats.requests % opts.lateEvery === 0;
      if (isLate) stats.late++;
      const parsed = lookupSchema.safeParse(
        (() => {
          try {
            return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
          } catch {
            return null;
          }
        })(),
      );
      const email = parsed.success ? opts.emailByPhone.get(parsed.data.data.from) : undefined;
      if (!email) stats.unknown++;
      const answer = () => {
        if (!email) return void res.writeHead(204).end();
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ managerEmail: email }));
      };
      setTimeout(answer, isLate ? opts.lateMs : opts.answerMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/route`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
