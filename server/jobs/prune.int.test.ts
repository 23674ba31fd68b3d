import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { pruneFinishedJobs } from "@/server/jobs/prune";

let fixture: TenantFixture;

beforeAll(async () => {
  fixture = await setUpTenant();
});

afterAll(async () => {
  await fixture?.teardown();
});

describe("pruning finished jobs", () => {
  it("drops done jobs after two days and failed ones after thirty, and nothing unfinished", async () => {
    const now = new Date("2026-11-27T12:00:00Z");
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const job = (name: string, status: "QUEUED" | "RUNNING" | "DONE" | "FAILED", at: Date) => ({
      tenantId: fixture.tenantId,
      queue: `test.${name}`,
      status,
      runAt: at,
      createdAt: at,
      finishedAt: status === "DONE" || status === "FAILED" ? at : null,
    });
    await getDb().job.createMany({
      data: [
        job("done-old", "DONE", daysAgo(3)),
        job("done-recent", "DONE", daysAgo(1)),
        job("failed-old", "FAILED", daysAgo(31)),
        job("failed-recent", "FAILED", daysAgo(10)),
        job("queued-old", "QUEUED", daysAgo(40)),
        job("running-old", "RUNNING", daysAgo(40)),
      ],
    });

    expect(await pruneFinishedJobs(now)).toBe(2);
    const left = await getDb().job.findMany({
      where: { queue: { startsWith: "test." } },
      select: { queue: true },
      orderBy: { queue: "asc" },
    });
    expect(left.map((j) => j.queue)).toEqual([
      "test.done-recent",
      "test.failed-recent",
      "test.queued-old",
      "test.running-old",
    ]);
    expect(await pruneFinishedJobs(now)).toBe(0);
  });
});
