import { unstable_readConfig } from "wrangler";

/** Where `wrangler dev` with these flags serves: `--ip`/`--port`, else wrangler.toml's [dev]. */
export function devServerUrl(args: string[]): string {
  const flag = (name: string) => {
    const at = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
    if (at < 0) return undefined;
    return args[at]?.includes("=") ? args[at]?.split("=")[1] : args[at + 1];
  };
  const { dev } = unstable_readConfig({ config: "wrangler.toml" });
  const ip = flag("ip") ?? dev.ip ?? "127.0.0.1";
  // Listening on every interface, it is still reached on the loopback from this machine.
  const host = ip === "0.0.0.0" || ip === "::" || ip === "*" ? "127.0.0.1" : ip;
  return `http://${host}:${Number(flag("port") ?? dev.port ?? 8787)}`;
}
