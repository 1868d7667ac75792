import type { TestProject } from "vitest/node";
import { startJwksServer } from "./jwks-server";

// Local stand-ins for outside services, started once in Node for the whole run. Their URLs
// (and the external IdP's signing key) reach the Worker's bindings and the tests via inject.

export default async function setup(project: TestProject) {
  const jwks = await startJwksServer();
  project.provide("jwksUrl", jwks.url);
  project.provide("jwksPrivateKey", jwks.privateJwk);
  return async () => {
    await jwks.close();
  };
}
