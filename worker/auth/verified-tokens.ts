import type { Config } from "../../kernel/config";

/**
 * Tokens this isolate has verified, by their exact text, until their `exp`: a client (an app
 * or the agent host) sends the same token on every request for its lifetime, and checking the
 * signature and claims again gives the same answer until then (the claims are in the signed
 * text; the key and the expected issuer and audience are the config's, hence one map per
 * config). Only successes go in; bounded so a flood of distinct tokens cannot grow it forever.
 */
export class VerifiedTokens<Claims> {
  static readonly LIMIT = 10_000;
  readonly #byConfig = new WeakMap<Config, Map<string, { claims: Claims; expMs: number }>>();

  get(config: Config, token: string): Claims | undefined {
    const tokens = this.#byConfig.get(config);
    const hit = tokens?.get(token);
    if (!hit) return undefined;
    if (Date.now() < hit.expMs) return hit.claims;
    tokens?.delete(token);
    return undefined;
  }

  remember(config: Config, token: string, claims: Claims, expMs: number): void {
    let tokens = this.#byConfig.get(config);
    if (!tokens) {
      tokens = new Map();
      this.#byConfig.set(config, tokens);
    }
    if (tokens.size >= VerifiedTokens.LIMIT) tokens.clear();
    tokens.set(token, { claims, expMs });
  }
}
