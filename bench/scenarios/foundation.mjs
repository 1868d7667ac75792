import { signUp } from "../../test/support/api-client.ts";
import { load, sequential } from "../lib/measure.mjs";

/** GET /health, GET /v1/me and login under load; login timing for both failure paths. */
export async function foundation(target) {
  const user = await signUp(target.url);
  const auth = { authorization: `Bearer ${user.token}` };
  const rows = [];
  rows.push({ scenario: "GET /health", floor: "F0", ...(await load(`${target.url}/health`)) });
  rows.push({
    scenario: "GET /health/live (no-op)",
    floor: "F0",
    ...(await load(`${target.url}/health/live`)),
  });
  rows.push({
    scenario: "GET /v1/me",
    floor: "F1",
    ...(await load(`${target.url}/v1/me`, { headers: auth })),
  });
  rows.push({
    scenario: "POST /v1/auth/login",
    ...(await load(`${target.url}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: user.email, password: user.password }),
    })),
  });

  const attempt = (email) => () =>
    fetch(`${target.url}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "wrong-password-9" }),
    }).then((r) => r.arrayBuffer());
  const wrongPassword = await sequential(40, attempt(user.email));
  const unknownEmail = await sequential(40, attempt("nobody-here@example.com"));
  const timing = {
    wrong_password_p50_ms: wrongPassword.p50.toFixed(1),
    unknown_email_p50_ms: unknownEmail.p50.toFixed(1),
  };
  return { rows, notes: [`login 401 timing: ${JSON.stringify(timing)}`] };
}
