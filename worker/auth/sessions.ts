import type { Database } from "../../d1/client";
import type { Config } from "../../kernel/config";
import { type Role, signAccessToken } from "./access-tokens";
import { issueRefreshToken } from "./refresh-tokens";

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: "Bearer";
  expires_in: number;
}

/** A fresh access token (carrying the role D1 gives the user now) plus a refresh token (a new family unless one is given). */
export async function issueTokenPair(
  db: Database,
  config: Config,
  user: { id: string; role: Role },
  refreshToken?: string,
): Promise<TokenPair> {
  const userId = user.id;
  const [access, refresh] = await Promise.all([
    signAccessToken(config, userId, user.role),
    refreshToken ?? issueRefreshToken(db, config, userId),
  ]);
  return {
    access_token: access.token,
    refresh_token: refresh,
    token_type: "Bearer",
    expires_in: access.expiresIn,
  };
}
