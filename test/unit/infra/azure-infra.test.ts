import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * What can be checked of the Azure deployment without a Bicep compiler (none installs offline) or a subscription:
 * that infra/azure.bicep, infra/azure.parameters.json, infra/botRegistration/azurebot.bicep, m365agents.yml and
 * env/.env.dev agree with each other and with what the bot reads. Each assertion is one a broken template fails.
 *
 * The Bicep is read as text. The subset of Bicep these files keep to, and the parser relies on:
 *  - a declaration starts at column 0: `param NAME TYPE [= DEFAULT]`, `var NAME = ...`, `resource SYMBOL 'TYPE@API' ...`,
 *    `module SYMBOL 'PATH' = {`, `output NAME TYPE = VALUE`; one whose first line ends in `{` ends at the next line that
 *    is `}` alone (so a conditional object is written `cond ? {} : {`, its object last);
 *  - a parameter's decorators (`@secure()`, `@allowed([...])`, one item a line) stand on the lines just above it;
 *  - an object property is `name: value` on a line of its own; `//` starts a comment outside quotes;
 *  - the Web App's app settings are the `properties` of the `Microsoft.Web/sites/config` resource: a `union(...)` of the
 *    `extraAppSettings` parameter and of `var`s named `...Settings`, each an object with one `NAME: value` a line
 *    (UPPER_SNAKE_CASE names, the only upper-case keys in those objects).
 */
const ROOT = join(__dirname, '..', '..', '..');
const read = (...path: string[]): string => readFileSync(join(ROOT, ...path), 'utf8');

/** Placeholders as the Agents Toolkit writes them: ${{NAME}}. */
const PLACEHOLDER = /\$\{\{([^}]*)\}\}/g;
const placeholdersIn = (text: string): string[] => [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim()))];

/** Variables the Toolkit sets itself, so they need no line in env/.env.<name> (as in manifest.test.ts). */
const TOOLKIT_PROVIDED = new Set(['TEAMSFX_ENV', 'TEAMS_APP_TENANT_ID', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME']);
/** Left empty in env/.env.dev on purpose: the Toolkit fills RESOURCE_SUFFIX before arm/deploy and allows an empty APP_NAME_SUFFIX. */
const TOOLKIT_FILLS_OR_ALLOWS_EMPTY = new Set(['RESOURCE_SUFFIX', 'APP_NAME_SUFFIX']);

/** App setting names that hold a secret: they must reach the Web App as Key Vault references. */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|API_?KEY|CONNECTION_STRING|DATABASE_URL/;
const KEY_VAULT_REFERENCE = /^'@Microsoft\.KeyVault\(SecretUri=\$\{(\w+)\.properties\.secretUri\}\)'$/;

// ---------------------------------------------------------------------------------------------------------------
// Reading the files

interface EnvLine {
  value: string;
  comment: string;
}

/** KEY=VALUE lines, each with the comment line just above it; and every comment line of the file. */
function readEnvFile(name: string): { vars: Map<string, EnvLine>; comments: string } {
  const vars = new Map<string, EnvLine>();
  const comments: string[] = [];
  let lastComment = '';
  for (const line of read('env', name).split(/\r?\n/)) {
    if (/^\s*#/.test(line)) {
      comments.push(line);
      lastComment = line;
      continue;
    }
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) vars.set(match[1]!, { value: match[2]!.replace(/^(['"])(.*)\1$/, '$2'), comment: lastComment });
    lastComment = '';
  }
  return { vars, comments: comments.join('\n') };
}

/** Drops a `//` comment that is not inside a '...' string (Bicep strings are single-quoted). */
function withoutComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "'" && line[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
  secure: boolean;
  /** The @allowed([...]) values, when the parameter has the decorator. */
  allowed?: string[];
}

interface Bicep {
  /** The code lines, comments removed. */
  lines: string[];
  params: Map<string, BicepParam>;
  outputs: string[];
  /** A declaration's lines, from the one that starts it to its closing `}` at column 0 (or the line alone). */
  block: (start: RegExp) => string[];
  /** A resource's lines by its type (`Microsoft.Web/sites`), each resource of that type. */
  resources: (type: string) => Array<{ symbol: string; lines: string[] }>;
}

const quotedStrings = (text: string): string[] => [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]!);

function parseBicep(text: string): Bicep {
  const lines = text.split(/\r?\n/).map(withoutComment);
  const params = new Map<string, BicepParam>();
  let decorators: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('@')) {
      // A decorator may span lines, as @allowed([ ... ]) does: read on until its parentheses close.
      let decorator = line;
      while ((decorator.match(/\(/g) ?? []).length > (decorator.match(/\)/g) ?? []).length && i + 1 < lines.length)
        decorator += `\n${lines[++i]!}`;
      decorators.push(decorator);
      continue;
    }
    const param = /^param\s+(\w+)\s+(\w+)(\s*=.*)?$/.exec(line);
    if (param) {
      const allowed = decorators.find((d) => d.startsWith('@allowed('));
      params.set(param[1]!, {
        name: param[1]!,
        type: param[2]!,
        hasDefault: param[3] !== undefined,
        secure: decorators.some((d) => d.startsWith('@secure(')),
        ...(allowed ? { allowed: quotedStrings(allowed) } : {}),
      });
    }
    if (line.trim() !== '') decorators = [];
  }
  const outputs = lines.map((line) => /^output\s+(\w+)\s/.exec(line)?.[1]).filter((name): name is string => name !== undefined);
  const blockFrom = (index: number): string[] => {
    if (!lines[index]!.trimEnd().endsWith('{') && !lines[index]!.trimEnd().endsWith('[')) return [lines[index]!];
    const end = lines.findIndex((line, i) => i > index && (line === '}' || line === ']'));
    return lines.slice(index, end + 1);
  };
  const block = (start: RegExp): string[] => {
    const index = lines.findIndex((line) => start.test(line));
    if (index < 0) throw new Error(`no declaration matches ${start}`);
    return blockFrom(index);
  };
  const resources = (type: string) =>
    lines
      .map((line, index) => ({ match: new RegExp(`^resource\\s+(\\w+)\\s+'${type.replace(/[./]/g, '\\$&')}@[^']+'`).exec(line), index }))
      .filter(({ match }) => match !== null)
      .map(({ match, index }) => ({ symbol: match![1]!, lines: blockFrom(index) }));
  return { lines, params, outputs, block, resources };
}

/** `name: value` properties of a block, by name (the first of each name; nested objects' lines included). */
function properties(lines: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of lines) {
    const match = /^\s+([A-Za-z_][\w]*|'[^']+'):\s*(.*)$/.exec(line);
    if (match && !found.has(match[1]!)) found.set(match[1]!, match[2]!);
  }
  return found;
}

/** The app settings of the Web App: name → value as written in the Bicep. */
function appSettingsOf(bicep: Bicep): { settings: Map<string, string>; unionArgs: string[] } {
  const [config] = bicep.resources('Microsoft.Web/sites/config');
  if (!config) throw new Error('no Microsoft.Web/sites/config resource');
  const union = /^\s+properties:\s*union\(([^)]*)\)\s*$/.exec(config.lines.find((line) => /^\s+properties:/.test(line)) ?? '');
  if (!union) throw new Error("the app settings resource's properties are not a union(...) on one line");
  const unionArgs = union[1]!.split(',').map((arg) => arg.trim());
  const settings = new Map<string, string>();
  for (const name of unionArgs.filter((arg) => arg !== 'extraAppSettings'))
    for (const line of bicep.block(new RegExp(`^var\\s+${name}\\s*=`))) {
      const match = /^\s+([A-Z][A-Z0-9_]*):\s*(.+)$/.exec(line);
      if (match) settings.set(match[1]!, match[2]!);
    }
  return { settings, unionArgs };
}

/** The Toolkit's yml: a lifecycle stage is a list of actions. */
interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
type ProjectFile = Record<'provision' | 'deploy' | 'publish', Action[]>;

const ymlText = read('m365agents.yml');
const yml = parseYaml(ymlText) as ProjectFile;
const ymlWithoutComments = ymlText
  .split(/\r?\n/)
  .filter((line) => !/^\s*#/.test(line))
  .join('\n');
const parametersText = read('infra', 'azure.parameters.json');
const parameters = JSON.parse(parametersText) as { parameters: Record<string, { value: unknown }> };
const azure = parseBicep(read('infra', 'azure.bicep'));
const azureBot = parseBicep(read('infra', 'botRegistration', 'azurebot.bicep'));
const devEnv = readEnvFile('.env.dev');

/** The sources that read the bot's settings (src/app/config.ts and src/app/*-config.ts). */
const configSources = readdirSync(join(ROOT, 'src', 'app'))
  .filter((file) => file === 'config.ts' || file.endsWith('-config.ts'))
  .map((file) => read('src', 'app', file))
  .join('\n');
/** Whether the bot reads a setting: its name quoted ('NAME', "NAME", `NAME`) or a key of the zod schema (`NAME: z.`). */
const botReads = (name: string): boolean =>
  ["'", '"', '`'].some((quote) => configSources.includes(`${quote}${name}${quote}`)) ||
  new RegExp(`^\\s+${name}:\\s*z\\.`, 'm').test(configSources);

const secureParams = [...azure.params.values()].filter((param) => param.secure).map((param) => param.name);
const usesIdentifier = (text: string, name: string): boolean => new RegExp(`\\b${name}\\b`).test(text);

// ---------------------------------------------------------------------------------------------------------------

describe('how these tests read Bicep', () => {
  const sample = parseBicep(
    [
      '// a comment',
      '@secure()',
      'param secret string',
      '@allowed([',
      "  'a'",
      "  'b' // the second",
      '])',
      "param kind string = 'a'",
      'var xSettings = cond ? {} : {',
      "  URL: 'https://x/y' // not a comment inside quotes: https://",
      '  lower: 1',
      '}',
      "resource cfg 'Microsoft.Web/sites/config@2023-12-01' = {",
      '  properties: union(extraAppSettings, xSettings)',
      '}',
      'output NAME string = x.id // used later',
    ].join('\n'),
  );

  it('reads parameters with their decorators and defaults, and outputs', () => {
    expect(sample.params.get('secret')).toEqual({ name: 'secret', type: 'string', hasDefault: false, secure: true });
    expect(sample.params.get('kind')).toEqual({ name: 'kind', type: 'string', hasDefault: true, secure: false, allowed: ['a', 'b'] });
    expect(sample.outputs).toEqual(['NAME']);
  });

  it('reads the app settings of the union, and keeps // inside strings', () => {
    expect(appSettingsOf(sample)).toEqual({ settings: new Map([['URL', "'https://x/y'"]]), unionArgs: ['extraAppSettings', 'xSettings'] });
  });
});

describe('infra/azure.parameters.json', () => {
  it('sets only parameters that azure.bicep declares, each with a value of the declared type', () => {
    for (const [name, { value }] of Object.entries(parameters.parameters)) {
      const param = azure.params.get(name);
      expect({ name, declared: param !== undefined }).toEqual({ name, declared: true });
      expect({ name, type: typeof value }).toEqual({ name, type: param?.type === 'object' ? 'object' : 'string' });
    }
  });

  it('gives a value to every parameter of azure.bicep that has no default', () => {
    const missing = [...azure.params.values()].filter((p) => !p.hasDefault && !(p.name in parameters.parameters)).map((p) => p.name);
    expect(missing).toEqual([]);
  });

  it('passes secrets only to @secure() parameters, and only from SECRET_* variables', () => {
    for (const [name, { value }] of Object.entries(parameters.parameters)) {
      const secrets = placeholdersIn(JSON.stringify(value)).filter((n) => n.startsWith('SECRET_'));
      if (secrets.length > 0) expect({ name, secure: azure.params.get(name)?.secure }).toEqual({ name, secure: true });
    }
    for (const name of secureParams.filter((n) => n in parameters.parameters))
      expect(JSON.stringify(parameters.parameters[name]!.value)).toMatch(/^"\$\{\{SECRET_\w+\}\}"$/);
  });
});

describe('env/.env.dev', () => {
  const sources = { 'infra/azure.parameters.json': parametersText, 'm365agents.yml': ymlWithoutComments };

  it.each(Object.entries(sources))(
    'has a line for every placeholder of %s, or leaves it to the Toolkit or env/.env.dev.user',
    (_, text) => {
      const missing = placeholdersIn(text).filter((n) => !devEnv.vars.has(n) && !TOOLKIT_PROVIDED.has(n) && !n.startsWith('SECRET_'));
      expect(missing).toEqual([]);
    },
  );

  it('keeps secrets out (SECRET_* are in env/.env.dev.user), and names each one the Toolkit needs in its comments', () => {
    const secrets = [...new Set([...placeholdersIn(parametersText), ...placeholdersIn(ymlWithoutComments)])].filter((n) =>
      n.startsWith('SECRET_'),
    );
    expect(secrets.length).toBeGreaterThan(0);
    for (const name of secrets) {
      expect(devEnv.vars.has(name)).toBe(false);
      expect(devEnv.comments).toContain(name);
    }
    expect(read('.gitignore').split(/\r?\n/)).toContain('env/.env.*.user');
  });

  // arm/deploy stops on a placeholder with no value, so an empty line must be filled before it runs.
  it('has a value for every placeholder of the parameters file, unless a step before arm/deploy writes it or it says the administrator must', () => {
    const armIndex = yml.provision.findIndex((action) => action.uses === 'arm/deploy');
    const writtenBefore = new Set(yml.provision.slice(0, armIndex).flatMap((action) => Object.values(action.writeToEnvironmentFile ?? {})));
    const empty = placeholdersIn(parametersText).filter((name) => {
      const line = devEnv.vars.get(name);
      if (!line || line.value !== '') return false;
      return !writtenBefore.has(name) && !TOOLKIT_FILLS_OR_ALLOWS_EMPTY.has(name) && !/required/i.test(line.comment);
    });
    expect(empty).toEqual([]);
  });

  it('says in a comment line above each setting what it is and who sets it', () => {
    for (const [name, { comment }] of devEnv.vars)
      expect({ name, comment }).toEqual({ name, comment: expect.stringMatching(/Toolkit|[Aa]dministrator/) });
  });

  it('has a line for every output of azure.bicep, which arm/deploy writes there, and none of them is a secret', () => {
    expect(azure.outputs.length).toBeGreaterThan(0);
    for (const name of azure.outputs) {
      expect({ name, inEnvFile: devEnv.vars.has(name) }).toEqual({ name, inEnvFile: true });
      expect(name).not.toMatch(SECRET_NAME);
    }
  });
});

describe("the Web App's settings (infra/azure.bicep)", () => {
  const { settings, unionArgs } = appSettingsOf(azure);
  const extra = Object.keys((parameters.parameters.extraAppSettings?.value ?? {}) as Record<string, unknown>);

  it('are the extraAppSettings parameter and the ...Settings variables, and include what production needs', () => {
    expect(unionArgs[0]).toBe('extraAppSettings'); // first, so the template's own settings win
    for (const arg of unionArgs.slice(1)) expect(arg).toMatch(/^\w+Settings$/);
    for (const name of [
      'BOT_ID',
      'BOT_TYPE',
      'TENANT_ID',
      'DATABASE_URL',
      'PUBLIC_BASE_URL',
      'ADMIN_GROUP_IDS',
      'METRICS_TOKEN',
      'SECRET_BOT_PASSWORD',
    ])
      expect([...settings.keys()]).toContain(name);
  });

  it.each([...new Set([...settings.keys(), ...extra])])('%s is a setting the bot reads', (name) => {
    expect(botReads(name)).toBe(true);
  });

  it('give every secret as a Key Vault reference to a secret of the vault, never as a value or a parameter', () => {
    const vaultSecrets = azure.resources('Microsoft.KeyVault/vaults/secrets').map((r) => r.symbol);
    const secretSettings = [...settings].filter(([name]) => SECRET_NAME.test(name));
    expect(secretSettings.map(([name]) => name)).toEqual(expect.arrayContaining(['DATABASE_URL', 'METRICS_TOKEN', 'SECRET_BOT_PASSWORD']));
    for (const [name, value] of secretSettings) {
      const reference = KEY_VAULT_REFERENCE.exec(value);
      expect({ name, value, keyVaultReference: reference !== null }).toEqual({ name, value, keyVaultReference: true });
      expect(vaultSecrets).toContain(reference?.[1]);
    }
    for (const [name, value] of settings)
      for (const secure of secureParams)
        expect({ name, usesSecureParameter: usesIdentifier(value, secure) }).toEqual({ name, usesSecureParameter: false });
    expect(extra.filter((name) => SECRET_NAME.test(name))).toEqual([]);
  });

  it('build DATABASE_URL for PostgreSQL 16 with TLS required', () => {
    const [postgres] = azure.resources('Microsoft.DBforPostgreSQL/flexibleServers');
    expect(properties(postgres!.lines).get('version')).toBe("'16'");
    expect(azure.resources('Microsoft.DBforPostgreSQL/flexibleServers/databases')).toHaveLength(1);
    const symbol = KEY_VAULT_REFERENCE.exec(settings.get('DATABASE_URL') ?? '')?.[1];
    const secret = azure.resources('Microsoft.KeyVault/vaults/secrets').find((r) => r.symbol === symbol);
    expect(properties(secret!.lines).get('value')).toMatch(
      new RegExp(`^'postgres://.*@\\$\\{${postgres!.symbol}\\.properties\\.fullyQualifiedDomainName\\}:5432/.*\\?sslmode=require'$`),
    );
  });

  it("let only the Web App's identity read the secrets, as Key Vault Secrets User on an RBAC vault", () => {
    const [vault] = azure.resources('Microsoft.KeyVault/vaults');
    expect(properties(vault!.lines).get('enableRbacAuthorization')).toBe('true');
    const assignments = azure.resources('Microsoft.Authorization/roleAssignments').map((r) => Object.fromEntries(properties(r.lines)));
    expect(assignments).toEqual([
      expect.objectContaining({
        scope: vault!.symbol,
        principalId: 'webApp.identity.principalId',
        roleDefinitionId: expect.stringContaining('keyVaultSecretsUserRoleId'),
      }),
    ]);
    expect(azure.block(/^var keyVaultSecretsUserRoleId\b/)).toEqual([
      "var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'",
    ]);
  });
});

describe('the Web App and its logs (infra/azure.bicep)', () => {
  const [site] = azure.resources('Microsoft.Web/sites');
  const siteProps = properties(site!.lines);

  it('runs Node 22 LTS on Linux, HTTPS only and always on, with /readyz as its health check', () => {
    expect(siteProps.get('linuxFxVersion')).toBe("'NODE|22-lts'");
    expect(siteProps.get('healthCheckPath')).toBe("'/readyz'");
    expect(siteProps.get('httpsOnly')).toBe('true');
    expect(siteProps.get('alwaysOn')).toBe('true');
    const [plan] = azure.resources('Microsoft.Web/serverfarms');
    expect(properties(plan!.lines).get('reserved')).toBe('true'); // a Linux plan
  });

  it('starts the bot with the production entry point, the one `npm start` runs and the build writes', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start;
    expect(siteProps.get('appCommandLine')).toBe(`'${start}'`);
    // The entry point, after node's own flags (the heap's growth between collections).
    expect(start).toMatch(/^node (--[\w-]+=\w+ )*dist\/src\/index\.js$/);
  });

  it('sends the console logs (the bot writes JSON lines to stdout) to the Log Analytics workspace, which Application Insights uses', () => {
    const [workspace] = azure.resources('Microsoft.OperationalInsights/workspaces');
    const diagnostics = azure.resources('Microsoft.Insights/diagnosticSettings').map((r) => r.lines.join('\n'));
    const forSite = diagnostics.find((text) => new RegExp(`^\\s+scope: ${site!.symbol}$`, 'm').test(text));
    expect(forSite).toMatch(new RegExp(`workspaceId: ${workspace!.symbol}\\.id`));
    expect(forSite).toMatch(/category: 'AppServiceConsoleLogs'\s+enabled: true/);
    const [insights] = azure.resources('Microsoft.Insights/components');
    expect(properties(insights!.lines).get('WorkspaceResourceId')).toBe(`${workspace!.symbol}.id`);
  });
});

describe('the bot registration (infra/botRegistration/azurebot.bicep)', () => {
  const [bot] = azureBot.resources('Microsoft.BotService/botServices');
  const botProps = properties(bot!.lines);
  const bicepCode = [...azure.lines, ...azureBot.lines].join('\n');

  it('is SingleTenant or UserAssignedMSI, never MultiTenant (new multi-tenant bots can no longer be created)', () => {
    const value = botProps.get('msaAppType')!;
    const allowed = azureBot.params.get(value)?.allowed ?? quotedStrings(value);
    expect(allowed.length).toBeGreaterThan(0);
    for (const type of allowed) expect(['SingleTenant', 'UserAssignedMSI']).toContain(type);
    expect(bicepCode).not.toMatch(/MultiTenant/);
  });

  it('offers the bot types the bot reads from BOT_TYPE, and passes them on as the Bot Service spells them', () => {
    for (const type of azure.params.get('botType')?.allowed ?? []) expect(configSources).toContain(`'${type}'`);
    expect(azure.params.get('botType')?.allowed).toEqual(['SingleTenant', 'UserAssignedMsi']);
    expect(azure.block(/^module azureBotRegistration /).join('\n')).toMatch(
      /msaAppType: useManagedIdentityBot \? 'UserAssignedMSI' : 'SingleTenant'/,
    );
  });

  it('receives from azure.bicep every parameter it needs, and only those it declares', () => {
    const given = [...properties(azure.block(/^module azureBotRegistration /)).keys()].filter((k) => k !== 'name' && k !== 'params');
    const required = [...azureBot.params.values()].filter((p) => !p.hasDefault).map((p) => p.name);
    expect(given.filter((name) => !azureBot.params.has(name))).toEqual([]);
    expect(required.filter((name) => !given.includes(name))).toEqual([]);
    expect(azure.block(/^module azureBotRegistration /)[0]).toContain("'./botRegistration/azurebot.bicep'");
  });

  it('sends Teams messages to the Web App at /api/messages, on the Teams channel', () => {
    expect(botProps.get('endpoint')).toBe("'https://${botAppDomain}/api/messages'");
    expect(azure.block(/^module azureBotRegistration /).join('\n')).toMatch(/botAppDomain: webApp\.properties\.defaultHostName/);
    const [channel] = azureBot.resources('Microsoft.BotService/botServices/channels');
    expect(properties(channel!.lines).get('channelName')).toBe("'MsTeamsChannel'");
  });
});

describe('m365agents.yml', () => {
  const uses = (stage: keyof ProjectFile) => yml[stage].map((action) => action.uses);
  const action = (stage: keyof ProjectFile, name: string): Action => yml[stage].find((a) => a.uses === name)!;

  it('creates the Teams app and the Entra app, then the Azure resources, then validates, zips and uploads the app package', () => {
    expect(uses('provision')).toEqual([
      'teamsApp/create',
      'aadApp/create',
      'arm/deploy',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
  });

  it('deploys azure.bicep with its parameters file, both of which exist', () => {
    const templates = action('provision', 'arm/deploy').with?.templates as Array<{
      path: string;
      parameters: string;
      deploymentName: string;
    }>;
    expect(templates).toEqual([
      { path: './infra/azure.bicep', parameters: './infra/azure.parameters.json', deploymentName: expect.any(String) },
    ]);
    for (const { path, parameters: file } of templates) for (const f of [path, file]) expect(existsSync(join(ROOT, f))).toBe(true);
  });

  it('builds with npm ci and npm run build, then zip-deploys to the Web App that provision wrote, less the ignore file', () => {
    expect(uses('deploy').at(-1)).toBe('azureAppService/zipDeploy');
    const npmArgs = yml.deploy.filter((a) => a.uses === 'cli/runNpmCommand').map((a) => a.with?.args);
    expect(npmArgs.slice(0, 2)).toEqual(['ci', 'run build']);
    const zipDeploy = action('deploy', 'azureAppService/zipDeploy').with!;
    expect(zipDeploy.resourceId).toBe('${{AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(azure.outputs).toContain('AZURE_APP_SERVICE_RESOURCE_ID');
    expect(zipDeploy.artifactFolder).toBe('.');
    expect(existsSync(join(ROOT, zipDeploy.ignoreFile as string))).toBe(true);
  });

  it('leaves out of the upload the environment files and the infrastructure, but nothing the bot runs from', () => {
    const ignored = read('.webappignore')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['/env/', '/infra/', '/test/', '/src/']));
    for (const needed of ['dist', 'node_modules', 'adaptiveCards', 'knowledge', 'package.json', 'dist/src'])
      for (const form of [needed, `/${needed}`, `${needed}/`, `/${needed}/`]) expect(ignored).not.toContain(form);
  });

  it('writes the app package to appPackage/build/<environment>.zip, the file npm run package writes', () => {
    const zipPaths = (['provision', 'publish'] as const).flatMap((stage) =>
      yml[stage].flatMap((a) => [a.with?.outputZipPath, a.with?.appPackagePath].filter((p) => p !== undefined)),
    );
    expect(zipPaths.length).toBeGreaterThanOrEqual(6);
    expect(new Set(zipPaths)).toEqual(new Set(['./appPackage/build/${{TEAMSFX_ENV}}.zip']));
  });
});
