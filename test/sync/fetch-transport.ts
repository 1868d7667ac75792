import type { SyncTransport, TransportAnswer } from "../../clients/typescript/sync";

// The sync helper's transport over a bare fetch (the reference server's in these tests).

async function answerOf<T>(response: Response): Promise<TransportAnswer<T>> {
  const body = response.status === 204 ? undefined : await response.json();
  const retryAfter = response.headers.get("retry-after");
  return {
    status: response.status,
    ...(response.ok ? { data: body as T } : { error: body as TransportAnswer<T>["error"] }),
    ...(retryAfter ? { retryAfterSeconds: Number(retryAfter) } : {}),
  };
}

export function fetchTransport(
  fetch: (request: Request) => Promise<Response>,
  baseUrl = "https://api.test",
): SyncTransport {
  return {
    async push(body) {
      return answerOf(
        await fetch(
          new Request(`${baseUrl}/v1/sync`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          }),
        ),
      );
    },
    async pull(query) {
      const params = new URLSearchParams({ limit: String(query.limit) });
      if (query.since) params.set("since", query.since);
      return answerOf(await fetch(new Request(`${baseUrl}/v1/sync/changes?${params}`)));
    },
  };
}
