import pino from 'pino';
import { createHttpServer, type HttpServer, type HttpServices } from '../../../src/app/server';
import type { DownloadSource } from '../../../src/app/export-routes';
import { ExportOutdatedError } from '../../../src/use-cases/export-posture';

const TOKEN = 'a'.repeat(43);

/** A link whose file comes as these chunks, where a function stands for a chunk that fails to be made. */
function oneLink(chunks: (string | (() => never))[]): DownloadSource {
  async function* body(): AsyncGenerator<string> {
    for (const chunk of chunks) yield typeof chunk === 'string' ? chunk : chunk();
  }
  let used = false;
  return {
    peek: async (token) => (token === TOKEN && !used ? { fileName: 'mfa-status.csv' } : undefined),
    collect: async (token) => {
      if (token !== TOKEN || used) return undefined;
      used = true;
      return { fileName: 'mfa-status.csv', body: body() };
    },
  };
}

/** A chunk that fails to be made, with this error. */
const failing = (error: Error) => (): never => {
  throw error;
};

describe('POST /exports/<token>: the file written as it downloads', () => {
  let server: HttpServer | undefined;
  let warnings: string[];
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (downloads: DownloadSource) => {
    warnings = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg as string) });
    server = createHttpServer(logger);
    const { url } = await server.listen('127.0.0.1', 0);
    server.open({ bot: {}, readiness: { database: async () => true, jobs: async () => true }, downloads } as unknown as HttpServices);
    return () => fetch(`${url}/exports/${TOKEN}`, { method: 'POST' });
  };

  it('sends every chunk, in order, as one CSV attachment; larger than the socket buffers, so writing waits for the reader', async () => {
    const row = `${'x'.repeat(1023)}\n`;
    const chunks = Array.from({ length: 4096 }, (_, i) => `${i}:${row}`);
    const download = await start(oneLink(chunks));

    const response = await download();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="mfa-status.csv"');
    expect(await response.text()).toBe(chunks.join(''));
    expect((await download()).status).toBe(404);
  });

  it('answers a page saying to ask again, not an empty file, when a newer scan replaced the one the link was for', async () => {
    const download = await start(oneLink([failing(new ExportOutdatedError('7'))]));

    const response = await download();

    expect(response.status).toBe(410);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/newer scan finished[\s\S]*export again/);
  });

  it('cuts the connection when the file fails part-way, so the browser does not keep it as whole, and says why in the log', async () => {
    const download = await start(
      oneLink(['displayName,userPrincipalName\r\n', 'Adele,adele@contoso.example\r\n', failing(new ExportOutdatedError('7'))]),
    );

    // Cut before or after the headers reach the client: either way, no file arrives as if whole.
    const outcome = await download()
      .then((response) => response.text())
      .then(
        () => 'a whole file',
        () => 'a failed download',
      );

    expect(outcome).toBe('a failed download');
    expect(warnings).toContain('an export stopped part-way; the download was cut so it cannot pass for a whole file');
  });

  it('answers 503 with the same advice when the file cannot start for another reason (the database, say)', async () => {
    const download = await start(oneLink([failing(new Error('connection terminated'))]));

    const response = await download();

    expect(response.status).toBe(503);
    const page = await response.text();
    expect(page).toContain('could not be written just now');
    expect(page).not.toContain('connection terminated');
  });
});
