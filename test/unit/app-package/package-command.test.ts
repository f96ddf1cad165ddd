import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { buildAppPackage, type PackageOptions } from '../../../scripts/app-package/build-package';
import { parseEnvFile } from '../../../scripts/app-package/env-file';
import { checkManifest } from '../../../scripts/app-package/package-checks';
import { checkPackageZip } from '../../../scripts/app-package/package-zip';
import { fillPlaceholders } from '../../../scripts/app-package/placeholders';
import { readPng } from '../../../scripts/app-package/read-png';
import { compileTeamsSchema } from '../../../scripts/app-package/teams-schema';
import { writePng } from './write-png';

const ROOT = join(__dirname, '..', '..', '..');
const APP_DIR = join(ROOT, 'appPackage');
const TEMPLATE = readFileSync(join(APP_DIR, 'manifest.json'), 'utf8');

/** What provision would have written into an env file. */
const SAMPLE = {
  TEAMSFX_ENV: 'sample',
  APP_NAME_SUFFIX: '-sample',
  TEAMS_APP_ID: '3f2b8c1e-7d4a-4e59-9b61-2c8d5a7e9f10',
  BOT_ID: 'a1c4e7f0-2b5d-4c8e-9f12-3d6a9b0c2e45',
  BOT_DOMAIN: 'mfa-coach.example.com',
};

interface Manifest {
  id: string;
  manifestVersion: string;
  name: { short: string };
  icons: { color: string; outline: string; color32x32?: string };
  bots: Array<{ botId: string; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
  webApplicationInfo: { id: string; resource: string };
  validDomains: string[];
  version: string;
  [key: string]: unknown;
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'mfa-coach-package-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Writes `<work>/env/.env.<name>` (and, when given, the `.user` file beside it) and returns the folder. */
function envFolder(values: Record<string, string>, name = 'sample', user?: Record<string, string>): string {
  const dir = join(work, 'env');
  mkdirSync(dir, { recursive: true });
  const lines = (vars: Record<string, string>) =>
    Object.entries(vars)
      .map(([key, value]) => `${key}=${value}\n`)
      .join('');
  writeFileSync(join(dir, `.env.${name}`), `# written by the test\n${lines(values)}`);
  if (user) writeFileSync(join(dir, `.env.${name}.user`), lines(user));
  return dir;
}

/** A copy of appPackage/ whose manifest and outline icon the test may change. */
function appFolder(change: { manifest?: (m: Manifest) => void; outline?: Buffer } = {}): string {
  const dir = join(work, 'app');
  mkdirSync(dir);
  for (const file of readdirSync(APP_DIR)) if (file.endsWith('.png')) copyFileSync(join(APP_DIR, file), join(dir, file));
  const manifest = JSON.parse(TEMPLATE) as Manifest;
  change.manifest?.(manifest);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 4));
  if (change.outline) writeFileSync(join(dir, 'outline.png'), change.outline);
  return dir;
}

const options = (envDir: string, appDir = APP_DIR): PackageOptions => ({ envName: 'sample', appDir, envDir, outDir: join(work, 'out') });
const problemsOf = (result: ReturnType<typeof buildAppPackage>): string[] => (result.ok ? [] : result.problems);
const nothingWritten = () => expect(existsSync(join(work, 'out', 'sample.zip'))).toBe(false);

/** The template filled with the sample values, as an object to break in one place. */
const filledManifest = (): Manifest => JSON.parse(fillPlaceholders(TEMPLATE, new Map(Object.entries(SAMPLE))).text) as Manifest;
const readFromAppPackage = (name: string): Buffer | undefined =>
  existsSync(join(APP_DIR, name)) && !name.includes('/') ? readFileSync(join(APP_DIR, name)) : undefined;

/** Runs the real command, as `npm run package -- <args>` does. */
function runCommand(...args: string[]) {
  const run = spawnSync('npx', ['tsx', 'scripts/package-app.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('building the app package', () => {
  it('zips exactly manifest.json and the two icons, with the ids filled in, valid by the Teams schema and the package rules', () => {
    const result = buildAppPackage(options(envFolder(SAMPLE)));
    expect(problemsOf(result)).toEqual([]);
    const zipPath = join(work, 'out', 'sample.zip');
    expect(result).toEqual({ ok: true, zipPath, bytes: statSync(zipPath).size, files: ['manifest.json', 'color.png', 'outline.png'] });

    const zip = readFileSync(zipPath);
    const entries = unzipSync(zip);
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = Buffer.from(entries['manifest.json']!).toString('utf8');
    expect(text).not.toContain('${{');
    const manifest = JSON.parse(text) as Manifest;
    expect(manifest.id).toBe(SAMPLE.TEAMS_APP_ID);
    expect(manifest.bots.map((bot) => bot.botId)).toEqual([SAMPLE.BOT_ID]);
    expect(manifest.webApplicationInfo).toEqual({ id: SAMPLE.BOT_ID, resource: `api://botid-${SAMPLE.BOT_ID}` });
    expect(manifest.name.short).toBe('MFA Coach-sample');
    expect(manifest.bots[0]!.commandLists).toEqual((JSON.parse(TEMPLATE) as Manifest).bots[0]!.commandLists);
    for (const icon of ['color.png', 'outline.png'])
      expect(Buffer.from(entries[icon]!).equals(readFileSync(join(APP_DIR, icon)))).toBe(true);

    expect(compileTeamsSchema(manifest.manifestVersion)(manifest)).toEqual([]);
    expect(checkPackageZip(zip)).toEqual([]);
  });

  it('refuses an env whose BOT_ID is empty, naming it and pointing to provision, even when the .user file has one', () => {
    const envDir = envFolder({ ...SAMPLE, BOT_ID: '' }, 'sample', { BOT_ID: SAMPLE.BOT_ID });
    const problems = problemsOf(buildAppPackage(options(envDir)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/have no value in .*\.env\.sample: BOT_ID\. .*run provision/);
    expect(problems[0]).not.toContain('TEAMS_APP_ID');
    nothingWritten();
  });

  it('refuses a menu with 11 commands in one scope', () => {
    const appDir = appFolder({
      manifest: (m) => m.bots[0]!.commandLists[0]!.commands.push({ title: 'trend', description: 'Strong MFA over time (admins)' }),
    });
    expect(problemsOf(buildAppPackage(options(envFolder(SAMPLE), appDir)))).toContain(
      'bots[0]: the personal menu has 11 commands, more than 10',
    );
    nothingWritten();
  });

  it('refuses an outline icon with one coloured pixel, saying where it is', () => {
    const outline = readPng(readFileSync(join(APP_DIR, 'outline.png')));
    const firstWhite = outline.pixels.findIndex((_, i) => i % outline.channels === outline.channels - 1 && outline.pixels[i] !== 0);
    const pixel = (firstWhite - (outline.channels - 1)) / outline.channels;
    outline.pixels[pixel * outline.channels] = 0; // white loses its red (or, in a grey image, turns black)
    const appDir = appFolder({ outline: writePng(outline) });
    const problems = problemsOf(buildAppPackage(options(envFolder(SAMPLE), appDir)));
    expect(problems).toEqual([
      `icons.outline: outline.png has 1 pixel(s) neither white nor transparent, the first at x=${pixel % 32}, y=${Math.floor(pixel / 32)}; ` +
        'the outline icon must be white on a transparent background',
    ]);
    nothingWritten();
  });

  it('writes to a folder git ignores', () => {
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split(/\r?\n/)).toContain('appPackage/build/');
  });

  it('refuses an environment name that is not one, and an env file that does not exist', () => {
    expect(problemsOf(buildAppPackage({ ...options(envFolder(SAMPLE)), envName: '../sample' }))).toEqual([
      '"../sample" is not an environment name (letters, digits, - and _ only)',
    ]);
    expect(problemsOf(buildAppPackage({ ...options(envFolder(SAMPLE)), envName: 'prod' }))[0]).toMatch(/\.env\.prod does not exist$/);
  });
});

// Each run starts tsx, which takes a few seconds on a busy machine.
describe('npm run package', () => {
  jest.setTimeout(90_000);

  it('writes the zip and prints its path and size', () => {
    const run = runCommand('--env', 'sample', '--env-dir', envFolder(SAMPLE), '--out-dir', join(work, 'out'));
    const zipPath = join(work, 'out', 'sample.zip');
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Built ${zipPath} (`);
    expect(run.stdout).toContain(`${statSync(zipPath).size} bytes): manifest.json, color.png, outline.png.`);
    expect(checkPackageZip(readFileSync(zipPath))).toEqual([]);
  });

  it('exits non-zero naming the empty BOT_ID, and writes nothing', () => {
    const run = runCommand('--env', 'sample', '--env-dir', envFolder({ ...SAMPLE, BOT_ID: '' }), '--out-dir', join(work, 'out'));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('the app package for "sample" was not built');
    expect(run.stderr).toMatch(/- these placeholders .* have no value in .*: BOT_ID\. .*run provision for "sample"/);
    expect(existsSync(join(work, 'out'))).toBe(false);
  });

  it('refuses an unknown argument with its usage', () => {
    const run = runCommand('--environment', 'prod');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown argument "--environment"');
    expect(run.stderr).toContain('Usage: npm run package');
  });
});

describe('the package rules, on broken copies of the filled-in manifest', () => {
  it('finds nothing wrong with the manifest as it is', () => {
    expect(checkManifest(filledManifest(), readFromAppPackage)).toEqual([]);
  });

  it.each<[string, (m: Manifest) => void, string | RegExp]>([
    [
      'a title over 32 characters',
      (m) => (m.bots[0]!.commandLists[0]!.commands[0]!.title = 'x'.repeat(33)),
      `bots[0].commandLists[0]: the title "${'x'.repeat(33)}" has 33 characters, more than 32`,
    ],
    [
      'a description over 128 characters',
      (m) => (m.bots[0]!.commandLists[1]!.commands[0]!.description = 'y'.repeat(129)),
      'bots[0].commandLists[1]: the description of "help" has 129 characters, more than 128',
    ],
    [
      'the same title twice in a list',
      (m) => (m.bots[0]!.commandLists[0]!.commands[1]!.title = 'Help'),
      'bots[0].commandLists[0]: the title "Help" is there twice',
    ],
    [
      '11 commands for a scope spread over two lists',
      (m) => m.bots[0]!.commandLists.push({ scopes: ['team'], commands: [{ title: 'trend', description: 'Strong MFA over time' }] }),
      'bots[0]: the team menu has 11 commands, more than 10',
    ],
    ['a version that is not semver', (m) => (m.version = '1.0'), 'version "1.0" is not a semantic version such as 1.0.0'],
    ['a bot id that is not a GUID', (m) => (m.bots[0]!.botId = 'mfa-coach-bot'), 'bots[0].botId "mfa-coach-bot" is not a GUID'],
    [
      'a wildcard top-level domain',
      (m) => (m.validDomains = ['*.example.com', '*.com']),
      /^validDomains: "\*\.com" has a wildcard at the top level/,
    ],
    ['a bare wildcard domain', (m) => (m.validDomains = ['*']), /^validDomains: "\*" has a wildcard/],
    ['a colour icon of the wrong size', (m) => (m.icons.color = 'outline.png'), 'icons.color: outline.png is 32x32, not 192x192'],
    ['an icon that does not exist', (m) => (m.icons.color = 'colour.png'), 'icons.color: colour.png does not exist'],
    [
      'an icon in a folder',
      (m) => (m.icons.outline = 'icons/outline.png'),
      /^icons\.outline is "icons\/outline\.png": keep the icon next to/,
    ],
    [
      'a file the package does not carry',
      (m) => (m.icons.color32x32 = 'small.png'),
      /^icons\.color32x32 names "small\.png": this package holds only/,
    ],
    [
      'a $schema for another version',
      (m) => (m.$schema = m.$schema!.toString().replace('v1.22', 'v1.17')),
      /^\$schema is .*v1\.17.*, but manifestVersion 1\.22/,
    ],
    [
      'a property the schema does not know',
      (m) => (m.botPassword = 'not-a-secret'),
      /^schema v1\.22: the manifest must NOT have additional properties \("botPassword"\)$/,
    ],
  ])('refuses %s', (_, breakIt, expected) => {
    const broken = filledManifest();
    breakIt(broken);
    const problems = checkManifest(broken, readFromAppPackage);
    expect(problems).toContainEqual(typeof expected === 'string' ? expected : expect.stringMatching(expected));
  });

  it('accepts a wildcard for a subdomain of a named domain', () => {
    const manifest = filledManifest();
    manifest.validDomains = ['*.example.com', 'mfa-coach.example.com'];
    expect(checkManifest(manifest, readFromAppPackage)).toEqual([]);
  });
});

describe('reading a built package back', () => {
  const good = () => ({
    'manifest.json': Buffer.from(JSON.stringify(filledManifest())),
    'color.png': readFileSync(join(APP_DIR, 'color.png')),
    'outline.png': readFileSync(join(APP_DIR, 'outline.png')),
  });

  it('accepts manifest.json and the two icons at the root', () => {
    expect(checkPackageZip(zipSync(good()))).toEqual([]);
  });

  it('refuses a package with another file, or with the icons in a folder', () => {
    expect(checkPackageZip(zipSync({ ...good(), 'notes.txt': Buffer.from('x') }))).toEqual([
      'the package holds notes.txt, which is neither manifest.json nor an icon',
    ]);
    const { 'color.png': color, ...rest } = good();
    expect(checkPackageZip(zipSync({ ...rest, icons: { 'color.png': color } }))).toContain('the package lacks color.png at its root');
  });
});

describe('placeholders and env files, as the Agents Toolkit reads them', () => {
  const fill = (text: string, values: Record<string, string>) => fillPlaceholders(text, new Map(Object.entries(values)));

  it('fills spaced placeholders, lets only APP_NAME_SUFFIX be empty, and never fills a secret', () => {
    expect(fill('"${{ BOT_ID }}-${{APP_NAME_SUFFIX}}"', { BOT_ID: 'b', APP_NAME_SUFFIX: '' })).toEqual({
      text: '"b-"',
      missing: [],
      secrets: [],
    });
    expect(fill('${{TEAMS_APP_ID}} ${{BOT_ID}} ${{APP_NAME_SUFFIX}} ${{BOT_ID}}', { TEAMS_APP_ID: '' })).toEqual({
      text: '${{TEAMS_APP_ID}} ${{BOT_ID}} ${{APP_NAME_SUFFIX}} ${{BOT_ID}}',
      missing: ['TEAMS_APP_ID', 'BOT_ID', 'APP_NAME_SUFFIX'],
      secrets: [],
    });
    expect(fill('${{SECRET_BOT_PASSWORD}}', { SECRET_BOT_PASSWORD: 'x' })).toEqual({
      text: '${{SECRET_BOT_PASSWORD}}',
      missing: [],
      secrets: ['SECRET_BOT_PASSWORD'],
    });
  });

  it('takes TEAMSFX_ENV from the environment asked for, whatever the file says', () => {
    const appDir = appFolder({ manifest: (m) => (m.name.short = 'MFA Coach ${{TEAMSFX_ENV}}') });
    const result = buildAppPackage(options(envFolder({ ...SAMPLE, TEAMSFX_ENV: 'other' }), appDir));
    expect(problemsOf(result)).toEqual([]);
    const manifest = JSON.parse(
      Buffer.from(unzipSync(readFileSync(join(work, 'out', 'sample.zip')))['manifest.json']!).toString(),
    ) as Manifest;
    expect(manifest.name.short).toBe('MFA Coach sample');
  });

  it('refuses a manifest that names a secret', () => {
    const appDir = appFolder({ manifest: (m) => (m.developer = { ...(m.developer as object), name: '${{SECRET_BOT_PASSWORD}}' }) });
    const problems = problemsOf(buildAppPackage(options(envFolder({ ...SAMPLE, SECRET_BOT_PASSWORD: 'not-a-secret' }), appDir)));
    expect(problems).toEqual([
      expect.stringMatching(/names the secret \$\{\{SECRET_BOT_PASSWORD\}\}: a secret never goes into the app package$/),
    ]);
    nothingWritten();
  });

  it('reads quoted values, comments and export lines like dotenv', () => {
    const vars = parseEnvFile('# note\nexport A=1\nB = "two # not a comment"\nC=\'three\'\nD=four # a comment\nE=\n  \nnot a line\n');
    expect(Object.fromEntries(vars)).toEqual({ A: '1', B: 'two # not a comment', C: 'three', D: 'four', E: '' });
  });
});
