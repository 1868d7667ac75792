import type { TestProject } from "vitest/node";
import { buildBundle } from "../support/local-worker";

// The production bundle (with the console in its static assets, built by `npm run
// build:assets`), built once for every browser test file; each file serves it in its own
// Miniflare with the variables it needs.

export default function setup(project: TestProject) {
  const bundle = buildBundle();
  project.provide("workerBundle", bundle.scriptPath);
  return () => bundle.cleanup();
}
