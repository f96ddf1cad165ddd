import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import { readPng } from '../../../scripts/app-package/read-png';
import { compileTeamsSchema, schemaFile } from '../../../scripts/app-package/teams-schema';
import { CAPABILITIES } from '../../../src/domain/guidance/capabilities';

/** The parts of a Teams app manifest these tests read or change; the schema checks the rest. */
interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  name: { short: string; full?: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  bots: Array<{
    botId?: string;
    scopes: string[];
    supportsFiles?: boolean;
    isNotificationOnly?: boolean;
    commandLists?: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;
  }>;
  webApplicationInfo?: { id: string; resource?: string };
  [key: string]: unknown;
}

const ROOT = join(__dirname, '..', '..', '..');
const APP_PACKAGE = join(ROOT, 'appPackage');
const read = (...path: string[]): string => readFileSync(join(ROOT, ...path), 'utf8');

const manifestText = read('appPackage', 'manifest.json');
const template = JSON.parse(manifestText) as Manifest;

/** Placeholders as the Agents Toolkit writes them: ${{NAME}}. */
const PLACEHOLDER = /\$\{\{([^}]*)\}\}/g;
const placeholdersIn = (text: string): string[] => [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];

/** Variables the toolkit sets itself, so they need no line in env/.env.<name>. */
const TOOLKIT_PROVIDED = new Set(['TEAMSFX_ENV', 'TEAMS_APP_TENANT_ID', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME']);

/** Reads KEY=VALUE lines the way dotenv does for the simple files we keep (comments and blank lines skipped). */
function readEnvFile(name: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of read('env', name).split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) vars.set(match[1] as string, (match[2] as string).replace(/^(['"])(.*)\1$/, '$2'));
  }
  return vars;
}
const devEnv = readEnvFile('.env.dev');
const playgroundEnv = readEnvFile('.env.playground');

/** What provision would have written into env/.env.dev: sample ids in place of the empty values. */
const SAMPLE_VALUES: Record<string, string> = {
  TEAMS_APP_ID: '3f2b8c1e-7d4a-4e59-9b61-2c8d5a7e9f10',
  BOT_ID: 'a1c4e7f0-2b5d-4c8e-9f12-3d6a9b0c2e45',
  BOT_OBJECT_ID: '5e8b1d4a-7c0f-4a23-8e56-9b2c5f8a1d34',
  TENANT_ID: 'c0ffee00-1234-4abc-8def-0123456789ab',
  BOT_DOMAIN: 'mfa-coach.example.com',
};

/** Substitutes every ${{NAME}} like the toolkit's zipAppPackage step; an unknown name is an error, not an empty string. */
function render(text: string, env: Map<string, string>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const fromEnv = env.get(name);
    const value = fromEnv ? fromEnv : (SAMPLE_VALUES[name] ?? fromEnv); // an empty value is fine, e.g. no name suffix
    if (value === undefined) throw new Error(`no value for \${{${name}}}`);
    return value;
  });
}
const rendered = JSON.parse(render(manifestText, devEnv)) as Manifest;

const validate = compileTeamsSchema(template.manifestVersion);
const copyOf = (manifest: Manifest): Manifest => JSON.parse(JSON.stringify(manifest)) as Manifest;

describe('appPackage/manifest.json', () => {
  it('uses a manifestVersion whose official schema ships with @microsoft/app-manifest, and points $schema at it', () => {
    expect(existsSync(schemaFile(template.manifestVersion))).toBe(true);
    expect(template.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${template.manifestVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it('is valid against that schema once the placeholders are filled in', () => {
    expect(validate(rendered)).toEqual([]);
  });

  it('refuses to validate against a manifestVersion the package does not ship', () => {
    expect(() => compileTeamsSchema('0.99')).toThrow(/ships no schema for manifestVersion 0\.99/);
  });

  // The validator must really validate: each broken copy has to be rejected for the right reason.
  it.each<[string, (m: Manifest) => void, Partial<ErrorObject>]>([
    [
      'bots[0].botId is missing',
      (m) => delete m.bots[0]?.botId,
      { instancePath: '/bots/0', keyword: 'required', params: { missingProperty: 'botId' } },
    ],
    [
      'the short description is over 80 characters',
      (m) => (m.description.short = 'x'.repeat(120)),
      { instancePath: '/description/short', keyword: 'maxLength' },
    ],
    ['the app id is not a GUID', (m) => (m.id = 'mfa-coach'), { instancePath: '/id', keyword: 'pattern' }],
    [
      'there is an unknown top-level property',
      (m) => (m.botPassword = 'hunter2'),
      { keyword: 'additionalProperties', params: { additionalProperty: 'botPassword' } },
    ],
  ])('rejects a copy where %s', (_, breakIt, expected) => {
    const broken = copyOf(rendered);
    breakIt(broken);
    expect(validate(broken)).toContainEqual(expect.objectContaining(expected));
  });

  it('takes its ids from the toolkit placeholders and ties webApplicationInfo to the bot', () => {
    expect(template.id).toBe('${{TEAMS_APP_ID}}');
    expect(template.bots.map((bot) => bot.botId)).toEqual(['${{BOT_ID}}']);
    // TeamsAppInstallation.ReadWriteSelfForUser.All needs the bot's Entra app named here.
    expect(template.webApplicationInfo).toEqual({ id: '${{BOT_ID}}', resource: 'api://botid-${{BOT_ID}}' });
    expect(template.name.short).toBe('MFA Coach${{APP_NAME_SUFFIX}}');
  });

  it('offers one bot in personal chat, teams and group chats, that talks and takes no files', () => {
    const [bot] = template.bots;
    expect([...(bot?.scopes ?? [])].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot?.isNotificationOnly).toBe(false);
    expect(bot?.supportsFiles).toBe(false);
  });

  describe('commandLists', () => {
    const bot = template.bots[0];
    const lists = bot?.commandLists ?? [];
    const titlesFor = (scope: string): string[] =>
      lists.filter((list) => list.scopes.includes(scope)).flatMap((list) => list.commands.map((c) => c.title));

    it('has exactly one list for each scope the bot offers', () => {
      for (const scope of bot?.scopes ?? []) expect(lists.filter((list) => list.scopes.includes(scope))).toHaveLength(1);
      for (const list of lists) for (const scope of list.scopes) expect(bot?.scopes).toContain(scope);
    });

    // The documented limits are tighter than the schema's (which allows longer titles and, from 1.24, 12 commands).
    it('keeps to the documented limits: at most 10 commands, titles up to 32 characters, descriptions up to 128', () => {
      for (const list of lists) {
        expect(list.commands.length).toBeLessThanOrEqual(10);
        for (const { title, description } of list.commands) {
          expect(title.length).toBeLessThanOrEqual(32);
          expect(description.length).toBeGreaterThan(0);
          expect(description.length).toBeLessThanOrEqual(128);
        }
        expect(new Set(list.commands.map((c) => c.title)).size).toBe(list.commands.length);
      }
    });

    // Picking a command types its title into the compose box, so the title is exactly what the bot parses.
    it('uses plain lower-case words as titles, with no leading slash', () => {
      for (const list of lists) for (const { title } of list.commands) expect(title).toMatch(/^[a-z][a-z0-9-]*( [a-z0-9-]+)*$/);
    });

    it('offers help everywhere', () => {
      for (const scope of ['personal', 'team', 'groupChat']) expect(titlesFor(scope)).toContain('help');
    });

    // Employees need their own status, and campaign managers work in personal chat and in channels (appPackage/COMMANDS.md).
    it('offers status and the campaign commands everywhere', () => {
      for (const scope of ['personal', 'team', 'groupChat'])
        expect(titlesFor(scope)).toEqual(expect.arrayContaining(['status', 'campaigns', 'campaign new']));
    });

    // The menu must not promise what the bot does not answer: every title is a command the bot knows.
    it('lists only commands the bot answers', () => {
      const known = new Set(CAPABILITIES.map((c) => c.command));
      for (const list of lists) for (const { title } of list.commands) expect(known).toContain(title.split(' ')[0]);
    });
  });

  describe('icons', () => {
    const icon = (which: 'color' | 'outline') => {
      const path = join(APP_PACKAGE, template.icons[which]);
      expect(existsSync(path)).toBe(true);
      return readPng(readFileSync(path));
    };

    it('has a 192x192 full-colour color.png', () => {
      const png = icon('color');
      expect([png.width, png.height]).toEqual([192, 192]);
      expect([2, 6]).toContain(png.colorType); // truecolour, with or without alpha
      const colours = new Set<string>();
      for (let i = 0; i < png.pixels.length; i += png.channels) colours.add(png.pixels.subarray(i, i + 3).join(','));
      expect(colours.size).toBeGreaterThan(2);
    });

    it('has a 32x32 outline.png drawn in white on a transparent background', () => {
      const png = icon('outline');
      expect([png.width, png.height]).toEqual([32, 32]);
      expect([4, 6]).toContain(png.colorType); // grey or truecolour, both with an alpha channel
      let visible = 0;
      let transparent = 0;
      const notWhite: number[] = [];
      for (let i = 0; i < png.pixels.length; i += png.channels) {
        const alpha = png.pixels[i + png.channels - 1] as number;
        const colour = png.pixels.subarray(i, i + png.channels - 1);
        if (alpha === 0) transparent++;
        else if (colour.every((v) => v === 255)) visible++;
        else notWhite.push(i / png.channels);
      }
      expect(notWhite).toEqual([]);
      expect(visible).toBeGreaterThan(0);
      expect(transparent).toBeGreaterThan(0);
    });
  });
});

describe('Agents Toolkit settings', () => {
  it('defines every manifest placeholder in env/.env.dev, or leaves it to the toolkit', () => {
    const unknown = placeholdersIn(manifestText).filter((name) => !devEnv.has(name) && !TOOLKIT_PROVIDED.has(name));
    expect(unknown).toEqual([]);
  });

  it('defines every placeholder of m365agents.yml and m365agents.playground.yml in their env files', () => {
    const withoutComments = (file: string): string =>
      read(file)
        .split(/\r?\n/)
        .filter((line) => !/^\s*#/.test(line))
        .join('\n');
    // SECRET_* values are written by provision to env/.env.dev.user, which is not committed.
    const missingDev = placeholdersIn(withoutComments('m365agents.yml')).filter(
      (n) => !devEnv.has(n) && !TOOLKIT_PROVIDED.has(n) && !n.startsWith('SECRET_'),
    );
    const missingPlayground = placeholdersIn(withoutComments('m365agents.playground.yml')).filter(
      (n) => !playgroundEnv.has(n) && !TOOLKIT_PROVIDED.has(n),
    );
    expect({ missingDev, missingPlayground }).toEqual({ missingDev: [], missingPlayground: [] });
  });

  it('names the environments and the playground port as the toolkit expects', () => {
    expect(devEnv.get('TEAMSFX_ENV')).toBe('dev');
    expect(playgroundEnv.get('TEAMSFX_ENV')).toBe('playground');
    expect(playgroundEnv.get('TEAMSAPPTESTER_PORT')).toBe('56150');
  });
});

describe('no secrets in committed app files', () => {
  it('keeps secrets out of the manifest: no SECRET_* placeholder, hard-coded GUID, client secret or private key', () => {
    expect(placeholdersIn(manifestText).filter((name) => name.startsWith('SECRET_'))).toEqual([]);
    expect(manifestText).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(manifestText).not.toMatch(/[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,}/); // shape of a Microsoft Entra client secret
    expect(manifestText).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  });

  it.each(['.env.dev', '.env.playground'])('env/%s sets no secret-looking variable', (name) => {
    const env = readEnvFile(name);
    const leaked = [...env].filter(
      ([key, value]) => value !== '' && /SECRET|PASSWORD|PWD|TOKEN|API_?KEY|CONNECTION_STRING|DATABASE_URL/i.test(key),
    );
    expect(leaked).toEqual([]);
  });

  it('git-ignores env/.env.*.user, where the toolkit writes secrets', () => {
    expect(read('.gitignore').split(/\r?\n/)).toContain('env/.env.*.user');
  });
});
