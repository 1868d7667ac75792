import type { Config } from "../config";
import type { Database } from "../db/client";
import { signAccessToken } from "./access-tokens";
import { issueRefreshToken } from "./refresh-tokens";

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: "Bearer";
  expires_in: number;
}

/** A fresh access token plus a refresh token (a new family unless one is given). */
export async function issueTokenPair(
  db: Database,
  config: Config,
  userId: string,
  refreshToken?: string,
): Promise<TokenPair> {
  const [access, refresh] = await Promise.all([
    signAccessToken(config, userId),
    refreshToken ?? issueRefreshToken(db, config, userId),
  ]);
  return {
    access_token: access.token,
    refresh_token: refresh,
    token_type: "Bearer",
    expires_in: access.expiresIn,
  };
}
