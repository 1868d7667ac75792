/** Device tokens are secrets of a kind: show only their ends in API answers and logs. */
export function maskToken(token: string): string {
  return token.length <= 12 ? "***" : `${token.slice(0, 6)}…${token.slice(-4)}`;
}
