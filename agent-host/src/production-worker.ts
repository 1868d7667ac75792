import { AgentServer, initializeLogger, log, ServerOptions, WorkerError } from "@livekit/agents";

// `start`, as the image and `npm start` run it: the framework's AgentServer in production mode
// (idle job processes kept warm, load reported, the health endpoint on AGENT_HEALTH_PORT).
// The framework's own CLI drains on SIGTERM as well but then always exits 143; here a drain
// that finished within the timeout exits 0, so a supervisor (a container restart policy,
// systemd) sees a clean stop, and one that timed out (calls cut off) exits 1.

export type WorkerSettings = Omit<ConstructorParameters<typeof ServerOptions>[0], "production">;

export async function runProductionWorker(
  settings: WorkerSettings,
  logLevel = "info",
): Promise<void> {
  initializeLogger({ pretty: false, level: logLevel });
  const logger = log();
  const server = new AgentServer(
    new ServerOptions({
      ...settings,
      production: true,
      // LiveKit Cloud hands its deployment token to the container in the environment.
      workerToken: settings.workerToken ?? process.env.LIVEKIT_WORKER_TOKEN,
    }),
  );

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "draining: no new jobs, waiting for running calls to end");
    const drained = await drain(server, settings.drainTimeout ?? 0);
    if (!drained) logger.error("drain timed out: running calls are being ended");
    await server.close();
    logger.info({ drained }, "worker stopped");
    process.exit(drained ? 0 : 1);
  };
  process.once("SIGTERM", (signal) => void stop(signal));
  process.once("SIGINT", (signal) => void stop(signal));

  try {
    await server.run();
  } catch (error) {
    logger.fatal({ error }, "worker failed: check LIVEKIT_URL and the API key and secret");
    process.exit(1);
  }
}

/**
 * The framework's drain (status full, then wait for running jobs), true when the calls ended
 * in time. Its drain rejects at once when a replacement idle process is still starting
 * ("runner not started": one is always started right after a job begins), without waiting
 * for the running call; then this waits for the running jobs itself, up to the same deadline.
 */
async function drain(server: AgentServer, timeoutMs: number): Promise<boolean> {
  const deadline = timeoutMs ? Date.now() + timeoutMs : Number.POSITIVE_INFINITY;
  try {
    await server.drain(timeoutMs);
    return true;
  } catch (error) {
    if (error instanceof WorkerError) return false; // the drain timeout
    log().warn({ error }, "framework drain failed early; waiting for the running calls");
  }
  while (server.activeJobs.length > 0) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return true;
}
