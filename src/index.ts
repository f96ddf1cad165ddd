import { ConfigError, loadProductionConfig } from './app/config';
import { startApp } from './app/create-app';
import { stopOnSignals } from './app/shutdown';

/** Production entry point (`npm start`). The demo has its own entry: scripts/demo.ts. */
async function main(): Promise<void> {
  const config = loadProductionConfig(process.env);
  const app = await startApp(config);
  stopOnSignals(() => app.stop(), app.logger);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error('MFA Coach failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
