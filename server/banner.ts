import type { BootstrapResult } from "@/server/users/bootstrap";
import type { DemoState } from "@/server/demo/demo";
import type { Config } from "@/server/env";

/** What a person needs after `npm start`: where to go, how to sign in, where the demo PBX is. */
export function welcomeLines(
  config: Config,
  bootstrap: BootstrapResult,
  demo: DemoState | null,
  simulatorUrl: string | null,
): string[] {
  const lines = [`Pult is running at ${config.publicUrl}`];
  if (bootstrap.created) {
    lines.push(`Created the company "${bootstrap.tenantName}" and its administrator.`);
    lines.push(`  Sign in as: ${bootstrap.email}`);
    lines.push(
      bootstrap.passwordGenerated
        ? `  Password:   ${bootstrap.password}   (shown only this once; invite colleagues under Settings → Users)`
        : "  Password:   the value of PULT_ADMIN_PASSWORD",
    );
  } else {
    lines.push(
      `Sign in with an existing account (the first administrator is ${config.adminEmail}).`,
    );
  }
  if (simulatorUrl)
    lines.push(`PBX simulator: ${simulatorUrl}   (demo phones: ${simulatorUrl}/phones)`);
  if (demo?.connected) {
    lines.push(
      `Demo: connected to the simulator${config.demo.traffic ? ", generating calls (PULT_DEMO_TRAFFIC=0 turns them off)" : ""}.`,
    );
    const first = demo.seeded?.managers[0];
    if (demo.seeded && first) {
      lines.push(`  Demo managers: ${demo.seeded.managers.length}, e.g. ${first.email}`);
      if (demo.seeded.password)
        lines.push(`  Their password: ${demo.seeded.password}   (shown only this once)`);
    }
  }
  return lines;
}

export function printBox(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  console.log(
    `\n${"=".repeat(width)}\n${lines.map((l) => `  ${l}`).join("\n")}\n${"=".repeat(width)}\n`,
  );
}
