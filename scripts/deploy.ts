// npm run deploy -- --env staging|production
// Builds the static assets, checks the environment's configuration against its secrets in
// Cloudflare, applies D1 migrations to its database, then deploys the Worker. Each step stops
// the deploy on failure, so a Worker never runs against an unmigrated database or a missing
// secret. The agent host is deployed separately (docs/deploy.md).
import { execFileSync } from "node:child_process";

const ENVIRONMENTS = ["staging", "production"];
const envIndex = process.argv.indexOf("--env");
const env = envIndex > 0 ? process.argv[envIndex + 1] : undefined;
if (!env || !ENVIRONMENTS.includes(env)) {
  console.error(`deploy: say where, --env ${ENVIRONMENTS.join("|")}`);
  process.exit(1);
}

const run = (command: string, args: string[]) => {
  console.log(`deploy: ${command} ${args.join(" ")}`);
  execFileSync(command, args, { stdio: "inherit" });
};

run("npm", ["run", "build:assets"]);
run("npm", ["run", "check-config", "--", "--remote", "--env", env]);
run("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--remote", "--env", env]);
run("npx", ["wrangler", "deploy", "--env", env]);
console.log(`deploy: ${env} is live`);
