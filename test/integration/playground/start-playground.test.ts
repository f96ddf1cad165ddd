import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import {
  buildPlaygroundConfig,
  playgroundUser,
  startPlayground,
  type PlaygroundHandle,
} from '../../../scripts/playground/start-playground';

jest.setTimeout(60_000);

/**
 * The demo gives the Playground a folder relative to the project (DATA_DIR defaults to .data/demo). The Playground
 * runs in that folder, so a relative path handed on as it is would point it at a folder that does not exist: it
 * would fall back to its own user and tenant, and the bot would refuse every message typed in the page.
 */
describe('the Playground started in a folder given by a relative path', () => {
  let parent = '';
  let bot: Server | undefined;
  let playground: PlaygroundHandle | undefined;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'mfa-coach-playground-'));
    // The Playground holds its configuration back until the bot's address answers: any answer will do here.
    bot = createServer((_request, response) => response.end());
    await new Promise<void>((resolve) => bot!.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await playground?.stop();
    await new Promise((resolve) => bot?.close(resolve));
    await rm(parent, { recursive: true, force: true });
  });

  it('serves the page our configuration: our tenant and our person, not its built-in ones', async () => {
    const workDir = relative(process.cwd(), join(parent, 'playground'));
    expect(isAbsolute(workDir)).toBe(false);
    const tenantId = '4b1c2f7e-0d8a-4c55-9d0e-1f2a3b4c5d6e';
    const config = buildPlaygroundConfig({
      tenantId,
      bot: { id: 'bot-1', name: 'MFA Coach' },
      currentUser: playgroundUser({
        aadObjectId: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
        displayName: 'Ravi Young',
        userPrincipalName: 'ravi@contoso.example',
      }),
    });
    const { port } = bot!.address() as { port: number };
    playground = await startPlayground({ botEndpoint: `http://127.0.0.1:${port}/api/messages`, config, workDir });

    // What the page itself asks for when it opens.
    const served = (await (await fetch(`${playground.url}/_internal/v1/config`)).json()) as {
      config: { tenantId: string; currentUser: { name: string } };
    };
    expect(served.config.tenantId).toBe(tenantId);
    expect(served.config.currentUser.name).toBe('Ravi Young');
    expect(isAbsolute(playground.configPath)).toBe(true);
  });
});
