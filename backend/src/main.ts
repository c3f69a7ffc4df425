import { ConfigError, loadConfig } from './config/app-config.js';
import { bootLogger, startServer } from './hookflow-server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // One line naming the setting, nothing else: the operator knows what to fix.
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  const server = await startServer(config);
  const where = config.runsApi ? `open ${config.http.publicUrl}` : `health on ${server.url}/readyz`;
  bootLogger.log(`Hookflow ${config.mode} mode, role ${config.role}: ${where}`);

  const shutdown = (signal: string) => {
    bootLogger.log(`${signal} received: finishing running jobs, then stopping`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        bootLogger.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Hookflow failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
