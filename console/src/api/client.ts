import { createAdminClient, createCoachClient } from "@fitness-coach/client";
import { getSession, setSession, subscribeSession } from "./session";

// The console's one API client: the generated typed client (clients/typescript) on this
// origin. An expired access token is refreshed once with the refresh token and the request
// sent again; if the refresh fails the session is over and the sign-in screen shows.

// Refresh tokens rotate, and presenting a rotated one revokes the whole login: requests that
// fail together must share one refresh.
let refreshing: Promise<string | null> | null = null;

const AUTH_ROUTES = /\/v1\/auth\/(signup|login|refresh|logout)$/;

async function refreshAccessToken(): Promise<string | null> {
  const session = getSession();
  if (!session) return null;
  const { data } = await api.POST("/v1/auth/refresh", {
    body: { refresh_token: session.refreshToken },
  });
  if (!data) {
    setSession(null);
    return null;
  }
  setSession({ ...session, accessToken: data.access_token, refreshToken: data.refresh_token });
  return data.access_token;
}

async function fetchWithRefresh(request: Request): Promise<Response> {
  const retry = request.clone();
  const response = await fetch(request);
  if (response.status !== 401 || !getSession() || AUTH_ROUTES.test(new URL(request.url).pathname))
    return response;
  refreshing ??= refreshAccessToken().finally(() => {
    refreshing = null;
  });
  const token = await refreshing;
  if (!token) return response;
  retry.headers.set("authorization", `Bearer ${token}`);
  return fetch(retry);
}

export const api = createCoachClient({
  baseUrl: window.location.origin,
  fetch: fetchWithRefresh,
  accessToken: getSession()?.accessToken,
});

/** The admin API (/admin/*, its own document): same origin, token and refresh. */
export const adminApi = createAdminClient({
  baseUrl: window.location.origin,
  fetch: fetchWithRefresh,
  accessToken: getSession()?.accessToken,
});

subscribeSession(() => {
  const token = getSession()?.accessToken ?? null;
  api.setAccessToken(token);
  adminApi.setAccessToken(token);
});
