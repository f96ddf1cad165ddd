/**
 * Benchmark: what hostile bodies on `POST /api/messages` cost the running demo. Starts `npm run demo`'s script in
 * a child process on a fresh data folder, then sends, one after another: a gzip bomb (about 200 KB inflating to
 * 200 MB), a bigger one (400 MB), a 20 MB multipart upload, a 5 MB JSON activity sent with its length, the same
 * sent chunked, and malformed JSON. For each: the status and how long the answer took. Around them: the demo
 * process's resident memory before and after, and its high-water mark (Linux /proc). Prints one JSON line.
 *
 *   npm run bench:hostile
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

const PORT = 3990;
const url = `http://127.0.0.1:${PORT}/api/messages`;

async function memoryMb(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

function send(headers: Record<string, string | number>, body: Buffer, chunked = false): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Math.round(performance.now() - started) }));
    });
    req.on('error', (error) => resolve({ status: -1, ms: Math.round(performance.now() - started), ...{ error: String(error) } }));
    if (chunked) {
      for (let offset = 0; offset < body.length && !req.destroyed; offset += 64 * 1024)
        req.write(body.subarray(offset, offset + 64 * 1024));
      req.end();
    } else {
      req.end(body);
    }
  });
}

async function waitForHealth(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${PORT}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('The demo did not answer /healthz in time');
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mfa-coach-hostile-'));
  const demo = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--fresh'], {
    env: { ...process.env, PORT: String(PORT), PLAYGROUND_PORT: '0', OTHER_PLAYGROUND_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth(120_000);
    // Let the start-up scan and the Playground's first requests settle before the baseline.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const before = await memoryMb(demo.pid!);
    const json = { 'content-type': 'application/json' };
    const bomb200 = gzipSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 });
    const bomb400 = gzipSync(Buffer.alloc(400 * 1024 * 1024), { level: 9 });
    const boundary = '----mfa';
    const upload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.alloc(20 * 1024 * 1024, 1),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const big = Buffer.from(JSON.stringify({ type: 'message', text: 'a'.repeat(5 * 1024 * 1024) }));
    const results = {
      gzip_200mb: await send({ ...json, 'content-encoding': 'gzip', 'content-length': bomb200.length }, bomb200),
      gzip_400mb: await send({ ...json, 'content-encoding': 'gzip', 'content-length': bomb400.length }, bomb400),
      multipart_20mb: await send({ 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': upload.length }, upload),
      json_5mb: await send({ ...json, 'content-length': big.length }, big),
      json_5mb_chunked: await send({ ...json, 'transfer-encoding': 'chunked' }, big, true),
      malformed_json: await send(json, Buffer.from('{"type":')),
    };
    const after = await memoryMb(demo.pid!);
    console.log(
      JSON.stringify({
        bench: 'hostile-requests',
        ...Object.fromEntries(
          Object.entries(results).flatMap(([name, r]) => [
            [`${name}_status`, r.status],
            [`${name}_ms`, r.ms],
          ]),
        ),
        rss_before_mb: before.rss,
        rss_after_mb: after.rss,
        rss_growth_mb: after.rss - before.rss,
        peak_before_mb: before.peak,
        peak_after_mb: after.peak,
        peak_growth_mb: after.peak - before.peak,
        cpus: cpus().length,
        mem_gb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      }),
    );
  } finally {
    demo.kill('SIGTERM');
    await new Promise((resolve) => demo.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
