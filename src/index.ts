import { ConfigError, loadProductionConfig } from './app/config';
import { startApp } from './app/create-app';
import { createLogger } from './app/logger';
import { stopOnSignals } from './app/shutdown';

/** Production entry point (`npm start`). The demo has its own entry: scripts/demo.ts. */
async function main(): Promise<void> {
  const config = loadProductionConfig(process.env);
  const logger = createLogger(config.log.level);
  const starting = startApp(config, { logger });
  // Listened for before the start ends: /readyz may answer while the last parts start, and an orchestrator's
  // SIGTERM then must still stop gracefully (once started), not kill the process half-way.
  stopOnSignals(async () => (await starting).stop(), logger);
  await starting;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error('MFA Coach failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
