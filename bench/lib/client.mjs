// Minimal API client for setting up benchmark state (users, tokens).
export async function signUp(url, email = `bench-${crypto.randomUUID().slice(0, 8)}@example.com`) {
  const password = "bench-password-42";
  const response = await fetch(`${url}/v1/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, name: "Bench" }),
  });
  if (response.status !== 201)
    throw new Error(`signup ${response.status}: ${await response.text()}`);
  const body = await response.json();
  return { email, password, userId: body.user.id, token: body.access_token };
}
