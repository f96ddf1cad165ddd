import * as restify from 'restify';
import { ConfigurationServiceClientCredentialFactory, MemoryStorage, type TurnContext } from 'botbuilder';
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';

/**
 * The yardstick for `bench:turn`: the barest bot one can build on the same libraries, as teams-ai's samples build
 * it. restify, teams-ai's adapter as an anonymous bot (as the demo runs), MemoryStorage, and one route that sends the
 * text back. What MFA Coach adds on top of this per turn is what the benchmark's ratio measures.
 */
export interface EchoBot {
  url: string;
  close(): Promise<void>;
}

export async function startEchoBot(): Promise<EchoBot> {
  const adapter = new TeamsAdapter({}, new ConfigurationServiceClientCredentialFactory({}));
  const app = new Application<TurnState>({ adapter, storage: new MemoryStorage() });
  app.activity('message', async (context: TurnContext) => {
    await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
  });
  const server = restify.createServer({ name: 'echo-bot' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
