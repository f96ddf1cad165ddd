import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';

/**
 * The Agents Toolkit reads m365agents.yml with its own schema before it runs a step: an action it does not know, or
 * an argument an action does not take, stops provision in the administrator's hands. The schema ships with the
 * Toolkit's CLI; a copy of it is checked here, offline (see test/fixtures/agents-toolkit/README.md).
 */
const root = join(__dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'test/fixtures/agents-toolkit/m365agents.v1.11.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const projectFile = (name: string) => parseYaml(readFileSync(join(root, name), 'utf8')) as Record<string, unknown>;
const problems = () => (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`).join('\n');

describe.each(['m365agents.yml', 'm365agents.playground.yml'])('%s against the Toolkit schema it names', (name) => {
  it('names schema v1.11, the copy checked here', () => {
    const text = readFileSync(join(root, name), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/v1.11/yaml.schema.json');
    expect(projectFile(name).version).toBe('v1.11');
  });

  it('passes it: every action is one the Toolkit knows, with arguments it takes', () => {
    const valid = validate(projectFile(name));
    expect(problems()).toBe('');
    expect(valid).toBe(true);
  });
});

describe('the Toolkit schema check', () => {
  const deployStep = (project: Record<string, unknown>) =>
    (project.provision as { uses: string; with: Record<string, unknown> }[]).find((step) => step.uses === 'arm/deploy')!;

  it('refuses an argument arm/deploy does not take, and an action the Toolkit does not know', () => {
    const misspelt = projectFile('m365agents.yml');
    deployStep(misspelt).with.template = './infra/azure.bicep';
    expect(validate(misspelt)).toBe(false);

    const unknown = projectFile('m365agents.yml');
    (unknown.deploy as { uses: string }[])[0]!.uses = 'azureAppService/deployZip';
    expect(validate(unknown)).toBe(false);
  });

  it('refuses arm/deploy without its resource group', () => {
    const project = projectFile('m365agents.yml');
    delete deployStep(project).with.resourceGroupName;
    expect(validate(project)).toBe(false);
  });
});

describe('README, Deploy to Azure', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Deploy to Azure'), readme.indexOf('\n## ', readme.indexOf('## Deploy to Azure') + 3));

  it('is the section m365agents.yml and azure.bicep point to', () => {
    expect(section.startsWith('## Deploy to Azure')).toBe(true);
    expect(readFileSync(join(root, 'm365agents.yml'), 'utf8')).toContain('README, "Deploy to Azure"');
    expect(readFileSync(join(root, 'infra/azure.bicep'), 'utf8')).toContain('README, "Deploy to Azure"');
  });

  it('names what this project could not check: the Bicep compile, a real deployment and the store validation', () => {
    const notChecked = section.slice(section.indexOf('- Not checked:'));
    expect(notChecked).toContain('never compiled');
    expect(notChecked).toContain('bicep build infra/azure.bicep');
    expect(notChecked).toContain('Nothing was deployed');
    expect(notChecked).toContain('validateAppPackage');
  });

  it('names only project files that exist (but the secrets file, which each administrator writes)', () => {
    const paths = [...section.matchAll(/`((?:infra|env|test|docs)\/[^`\s]+|m365agents[.\w]*\.yml)`/g)]
      .map((match) => match[1]!)
      .filter((path) => !path.endsWith('.user'));
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) expect([path, existsSync(join(root, path))]).toEqual([path, true]);
  });
});
