import type * as restify from 'restify';
import { ExportOutdatedError } from '../use-cases/export-posture';
import type { ServingState } from './http-serving';

/**
 * One-time downloads (exports), by the secret token of their link: `peek` looks without using the link up,
 * `collect` hands the file over once, as chunks of text written as they come (a large export is never whole in memory).
 */
export interface DownloadSource {
  peek(token: string): Promise<{ fileName: string } | undefined>;
  collect(token: string): Promise<{ fileName: string; body: AsyncIterable<string> } | undefined>;
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** The pages a download link opens, plain HTML with no script: headers that keep them from being framed or sniffed. */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function page(heading: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>MFA Coach export</title><style>body{font-family:system-ui,sans-serif;margin:3rem auto;max-width:32rem;padding:0 1rem}
button{font-size:1rem;padding:.6rem 1.2rem}</style></head><body><h1>${heading}</h1>
${body}</body></html>`;
}

/** The page a download link opens: a button that downloads. A GET never uses the link up. */
function landingPage(fileName: string): string {
  const name = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return page(
    'Your export is ready',
    `<p>${name}. The link works once: it is used up when you press the button, and it expires 15 minutes after it was made.</p>
<form method="post"><button type="submit">Download ${name}</button></form>`,
  );
}

/** What to do once a link cannot hand its file over. */
const ASK_AGAIN = `<p>Ask MFA Coach in Teams for the export again: <b>export</b>, or <b>campaign export</b> with the campaign's number.</p>`;

/** A link used up, expired or never issued: the same page for each, so a guess learns nothing. */
const GONE_PAGE = page(
  'This link no longer works',
  `<p>Each export link works once, for 15 minutes, and this one was already used or has expired.</p>\n${ASK_AGAIN}`,
);

/** The file could not be written at all (its scan was replaced, the database failed): the link is used up, so say to ask again. */
function unwrittenPage(error: unknown): string {
  const why =
    error instanceof ExportOutdatedError
      ? 'A newer scan finished after this link was made, and the file was to hold the older one.'
      : 'The file could not be written just now.';
  return page('This export could not be made', `<p>${why}</p>\n${ASK_AGAIN}`);
}

/**
 * Writes the chunks as the client takes them (waiting for the socket to drain, so a slow download holds one chunk,
 * not the file). The first chunk is read before the headers: a file that cannot even start gets a page saying so.
 * A failure later can no longer change the status, so the connection is cut: the browser shows the download as
 * failed instead of keeping a file cut short.
 */
async function streamFile(res: restify.Response, file: { fileName: string; body: AsyncIterable<string> }, log: DownloadLog): Promise<void> {
  const chunks = file.body[Symbol.asyncIterator]();
  let step: IteratorResult<string>;
  try {
    step = await chunks.next();
  } catch (error) {
    log('an export could not be written', error);
    res.writeHead(error instanceof ExportOutdatedError ? 410 : 503, PAGE_HEADERS);
    res.end(unwrittenPage(error));
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'content-disposition': `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'cache-control': 'no-store',
  });
  try {
    for (; !step.done; step = await chunks.next()) {
      if (!res.write(step.value)) await drainedOrClosed(res);
      if (res.destroyed) return void (await chunks.return?.(undefined));
    }
    res.end();
  } catch (error) {
    log('an export stopped part-way; the download was cut so it cannot pass for a whole file', error);
    res.destroy();
  }
}

/** Until the socket takes more, or the client has gone; the listener that did not fire is removed, so none pile up. */
function drainedOrClosed(res: restify.Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Where the routes say what went wrong with a download (never the token). */
export type DownloadLog = (message: string, error: unknown) => void;

/** The routes of the one-time export links. */
export function registerExportRoutes(server: restify.Server, state: ServingState, log: DownloadLog): void {
  // Teams' link preview and mail link scanners fetch links with GET: a GET shows a page and uses nothing up; only
  // the page's button (a POST, which those do not send) hands the file over, once.
  /** The download behind a link (looked at or collected), or undefined once the 404 is sent. */
  async function download<T>(
    req: restify.Request,
    res: restify.Response,
    take: (source: DownloadSource, token: string) => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const open = state.serving(res, false);
    if (!open) return undefined;
    const token = String(req.params.token ?? '');
    const file = open.downloads && TOKEN.test(token) ? await take(open.downloads, token) : undefined;
    if (!file) {
      res.writeHead(404, PAGE_HEADERS);
      res.end(GONE_PAGE);
    }
    return file;
  }

  server.get('/exports/:token', async (req, res) => {
    const file = await download(req, res, (source, token) => source.peek(token));
    if (!file) return;
    res.writeHead(200, PAGE_HEADERS);
    res.end(landingPage(file.fileName));
  });

  server.post('/exports/:token', async (req, res) => {
    // The form has no fields: whatever body comes is not read.
    req.resume();
    const file = await download(req, res, (source, token) => source.collect(token));
    if (!file) return;
    // A stop waits for a download under way, as it does for a turn.
    await state.during(() => streamFile(res, file, log));
  });
}
