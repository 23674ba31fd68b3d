import { describe, expect, it } from "vitest";
import { cpuBetween, isOtherDatabaseBackend, parseProcStat } from "@/scripts/bench/proc";

describe("parseProcStat", () => {
  it("reads utime + stime and the start time after a name with spaces and parentheses", () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    // cutime cstime priority nice threads itrealvalue starttime …
    const line =
      "4242 (odd (name) x) S 1 4242 4242 0 -1 4194560 10 0 0 0 250 75 3 4 20 0 1 0 98765 1 2";
    expect(parseProcStat(line)).toEqual({
      name: "odd (name) x",
      cpuSeconds: 3.25,
      startTicks: 98765,
    });
  });

  it("refuses a line without the fields", () => {
    expect(parseProcStat("garbage")).toBeNull();
    expect(parseProcStat("1 (postgres) S 1 2")).toBeNull();
  });
});

describe("isOtherDatabaseBackend", () => {
  it("tells client backends of other databases from ours and from background processes", () => {
    const ours = "pult_bench_1a2b";
    expect(
      isOtherDatabaseBackend(
        "postgres: 15/main: postgres pult_bench_1a2b 127.0.0.1(51234) idle",
        ours,
      ),
    ).toBe(false);
    expect(
      isOtherDatabaseBackend(
        "postgres: 15/main: postgres pult_test_99 127.0.0.1(51235) INSERT",
        ours,
      ),
    ).toBe(true);
    expect(isOtherDatabaseBackend("postgres: app other [local] idle", ours)).toBe(true);
    expect(isOtherDatabaseBackend("postgres: 15/main: walwriter", ours)).toBe(false);
    expect(isOtherDatabaseBackend("postgres: 15/main: checkpointer ", ours)).toBe(false);
    expect(isOtherDatabaseBackend("postgres: 15/main: autovacuum worker other", ours)).toBe(false);
    expect(isOtherDatabaseBackend("postgres: 15/main: logical replication launcher", ours)).toBe(
      false,
    );
    // The postmaster, and a backend whose title is not set up yet.
    expect(isOtherDatabaseBackend("/usr/lib/postgresql/15/bin/postgres -D /var/lib/x", ours)).toBe(
      false,
    );
  });
});

describe("cpuBetween", () => {
  it("adds what each process used since the first sample; one started later counts from 0", () => {
    const first = new Map([
      ["10:1", 5],
      ["11:1", 2],
      ["12:1", 1],
    ]);
    // 11 exited before the last sample (its use after the first sample is lost: sample often);
    // 13 started in between.
    const last = new Map([
      ["10:1", 7.5],
      ["12:1", 1],
      ["13:900", 0.25],
    ]);
    expect(cpuBetween(first, last)).toBeCloseTo(2.75);
  });
});
