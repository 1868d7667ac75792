/** The `token` of an emailed link (`/reset-password?token=...`), or null. */
export function linkToken(): string | null {
  return new URLSearchParams(window.location.search).get("token");
}
