import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { agentConfigSchema } from "../../agent-host/src/config";
import { configSchema } from "../../kernel/config";

// .dev.vars.example is where a developer learns what can be set: every variable the Worker
// reads (unless wrangler.toml [vars] sets it) and every one of the agent host's that
// `npm run voice:local` passes on from .dev.vars, each under a comment.

const example = readFileSync(".dev.vars.example", "utf8").split("\n");
/** The line of each `NAME=value` or `# NAME=value`, by name. */
const listed = new Map(
  example.flatMap((line, at) => {
    const name = /^(?:# )?([A-Z][A-Z0-9_]+)=/.exec(line)?.[1];
    return name ? [[name, at] as const] : [];
  }),
);
const inWranglerToml = Object.keys(unstable_readConfig({ config: "wrangler.toml" }).vars ?? {});
// The agent host's own deployment settings: agent-host/.env.example, not local development.
const AGENT_DEPLOYMENT_ONLY = ["COACH_API_URL", "AGENT_DRAIN_TIMEOUT_S", "AGENT_HEALTH_PORT"];

describe(".dev.vars.example", () => {
  it("lists every variable the Worker and the local agent host read", () => {
    const expected = [
      ...Object.keys(configSchema.shape).filter((name) => !inWranglerToml.includes(name)),
      ...Object.keys(agentConfigSchema.shape).filter(
        (name) => !AGENT_DEPLOYMENT_ONLY.includes(name) && !inWranglerToml.includes(name),
      ),
    ];
    expect(expected.filter((name) => !listed.has(name))).toEqual([]);
  });

  it("says something about each, in a comment above it", () => {
    const uncommented = [...listed].filter(([, at]) => {
      let above = at - 1;
      while (above >= 0 && /^(# )?[A-Z][A-Z0-9_]+=/.test(example[above] ?? "")) above--;
      return !/^# \S/.test(example[above] ?? "");
    });
    expect(uncommented.map(([name]) => name)).toEqual([]);
  });
});
