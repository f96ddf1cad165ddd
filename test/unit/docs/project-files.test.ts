import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files someone reads before adopting or contributing to MFA Coach: the licence, the security policy, the
 * contributing guide and the changelog. What they promise must hold: the licence is the one package.json names,
 * the version is the changelog's latest release, and every command and path they tell a newcomer to use exists.
 */
const root = join(__dirname, '..', '..', '..');
const read = (name: string) => readFileSync(join(root, name), 'utf8');
const pkg = JSON.parse(read('package.json')) as { version: string; license: string; private?: boolean; scripts: Record<string, string> };

/** Semantic Versioning 2.0.0's own pattern (semver.org). */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Commands of npm itself that need no script; `test`, `start`, `stop` and `restart` run the script of that name. */
const NPM_BUILT_INS = new Set(['ci', 'install', 'i', 'exec', 'audit', 'outdated', 'ls', 'pack', 'version', 'view']);
const RUNS_ITS_SCRIPT = new Set(['test', 'start', 'stop', 'restart']);

/** `npm run <script>` anywhere in the text; a placeholder such as `npm run test:<tier>` is not a script name. */
function scriptsRun(text: string): string[] {
  return [...text.matchAll(/\bnpm run ([\w:.-]*\w)(?![\w:<-])/g)].map((m) => m[1]!);
}

/** The code in a Markdown text: fenced blocks and inline spans, where a command is meant to be typed. */
function codeOf(text: string): string[] {
  const fenced = [...text.matchAll(/```[\s\S]*?```/g)].map((m) => m[0]);
  const rest = text.replace(/```[\s\S]*?```/g, '');
  return [...fenced, ...[...rest.matchAll(/`[^`\n]+`/g)].map((m) => m[0])];
}

/** Other npm commands typed in code (`npm ci`, `npm test`): the command's name. */
function npmCommandsIn(text: string): string[] {
  return codeOf(text).flatMap((code) => [...code.matchAll(/\bnpm (?!run\b)([a-z][a-z-]*)/g)].map((m) => m[1]!));
}

/** Backticked names that look like a file or folder of the project: `src/app/`, `.ci/run`, `package.json`. */
function projectPathsIn(text: string): string[] {
  const spans = [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!);
  const inFolder = /^\.?\w[\w.-]*\/[\w./-]*$/;
  const topLevelFile = /^\w[\w.-]*\.(md|json|js|cjs|mjs|ts|yml|yaml)$/;
  return [...new Set(spans.filter((span) => inFolder.test(span) || topLevelFile.test(span)))];
}

/** Orders two release versions by major, minor and patch (pre-release tags are not used here). */
function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split(/[-+]/)[0]!.split('.').map(Number));
  return x![0]! - y![0]! || x![1]! - y![1]! || x![2]! - y![2]!;
}

/** The changelog's version headings, `## [x.y.z] - YYYY-MM-DD` and `## [Unreleased]`, in their order. */
function changelogHeadings(text: string): { name: string; date?: string }[] {
  return [...text.matchAll(/^## \[([^\]]+)\](?: - (\S+))?[ \t]*$/gm)].map((m) => ({ name: m[1]!, ...(m[2] ? { date: m[2] } : {}) }));
}

describe('the licence', () => {
  it('is the MIT licence, for the project contributors, and package.json says so', () => {
    const licence = read('LICENSE');
    expect(licence.split('\n')[0]).toBe('MIT License');
    expect(licence).toContain('Copyright (c) 2026 MFA Coach contributors');
    expect(licence).toContain('Permission is hereby granted, free of charge, to any person obtaining a copy');
    expect(licence).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
    expect(pkg.license).toBe('MIT');
  });

  it('leaves the package private, so nobody publishes it to npm by mistake', () => {
    expect(pkg.private).toBe(true);
  });
});

describe('the version', () => {
  const headings = changelogHeadings(read('CHANGELOG.md'));
  const releases = headings.filter((heading) => heading.name !== 'Unreleased');

  it('is a Semantic Versioning version', () => {
    expect(pkg.version).toMatch(SEMVER);
  });

  it('is the newest release in the changelog, listed right below Unreleased', () => {
    expect(headings[0]?.name).toBe('Unreleased');
    expect(headings[1]?.name).toBe(pkg.version);
  });

  it('follows releases that each have a version and a real date, newest first', () => {
    expect(releases.length).toBeGreaterThan(1);
    for (const release of releases) {
      expect(release.name).toMatch(SEMVER);
      expect(release.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${release.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(release.date);
    }
    const outOfOrder = releases
      .slice(1)
      .map((older, i) => ({ newer: releases[i]!, older }))
      .filter(({ newer, older }) => compareVersions(newer.name, older.name) <= 0 || newer.date! < older.date!)
      .map(({ newer, older }) => `${newer.name} (${newer.date}) above ${older.name} (${older.date})`);
    expect(outOfOrder).toEqual([]);
  });
});

describe.each(['CONTRIBUTING.md', 'SECURITY.md', 'README.md'])('the npm commands %s tells people to type', (file) => {
  const text = read(file);

  it.each([...new Set(scriptsRun(text))])('npm run %s is a script in package.json', (script) => {
    expect(Object.keys(pkg.scripts)).toContain(script);
  });

  it('are npm commands, or scripts for those that run one', () => {
    for (const command of npmCommandsIn(text)) {
      if (RUNS_ITS_SCRIPT.has(command)) expect(Object.keys(pkg.scripts)).toContain(command);
      else expect({ command, builtIn: NPM_BUILT_INS.has(command) }).toEqual({ command, builtIn: true });
    }
  });
});

describe('CONTRIBUTING.md', () => {
  const text = read('CONTRIBUTING.md');
  const paths = projectPathsIn(text);

  it('tells a newcomer how to install, try and test from a fresh clone', () => {
    expect(npmCommandsIn(text)).toEqual(expect.arrayContaining(['ci', 'test']));
    expect(scriptsRun(text)).toEqual(expect.arrayContaining(['demo', 'lint', 'format', 'test:unit']));
  });

  it('names the files and folders it explains', () => {
    expect(paths.length).toBeGreaterThan(30);
  });

  it.each(paths)('%s exists', (path) => {
    expect(existsSync(join(root, path))).toBe(true);
  });
});

describe('how the project files find these commands and paths', () => {
  it('reads script names, and passes over placeholders and prose', () => {
    const text = 'Run `npm run lint`, then npm run test:unit. `npm run test:<tier>` runs one; `npm run demo -- --as admin`.';
    expect(scriptsRun(text)).toEqual(['lint', 'test:unit', 'demo']);
  });

  it('reads npm commands in code only', () => {
    expect(npmCommandsIn('```bash\nnpm ci\nnpm test\n```\nthe npm registry; `npm start`')).toEqual(['ci', 'test', 'start']);
  });

  it('takes paths and top-level files, not addresses, endpoints or placeholders', () => {
    const text = '`src/app/` `.ci/run` `package.json` `https://example.com/x` `/metrics` `<port>.contract.ts` `@microsoft/*` `app → adapters`';
    expect(projectPathsIn(text)).toEqual(['src/app/', '.ci/run', 'package.json']);
  });
});
