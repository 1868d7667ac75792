import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The project brings its own Node (the `node` package puts the binary in node_modules/.bin),
// so tests and every npm script run on it whatever Node runs npm.
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const projectNode = `v${pkg.devDependencies.node}`;

describe("toolchain", () => {
  it("runs the tests on the Node 24 LTS the project pins", () => {
    expect(pkg.devDependencies.node).toMatch(/^24\.\d+\.\d+$/);
    expect(process.version).toBe(projectNode);
    expect(process.versions.node.split(".")[0]).toBe("24");
  });

  it("gives npx and npm exec, in the root and in the agent host workspace, that same Node", () => {
    const viaNpx = execFileSync("npx", ["--offline", "node", "--version"], { encoding: "utf8" });
    expect(viaNpx.trim()).toBe(projectNode);
    const inAgentHost = execFileSync("npm", ["exec", "--offline", "--", "node", "--version"], {
      cwd: "agent-host",
      encoding: "utf8",
    });
    expect(inAgentHost.trim()).toBe(projectNode);
  });
});
