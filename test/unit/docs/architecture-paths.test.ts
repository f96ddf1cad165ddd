import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * docs/architecture.md is the page a newcomer reads first: every path it names must exist, so a file moved or
 * renamed without updating the page fails here rather than sending a reader to nothing.
 */
const root = join(__dirname, '..', '..', '..');
const page = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
const named = [...page.matchAll(/`((?:src|test|emulators|knowledge|adaptiveCards|docs)\/[^`\s]*)`/g)].map((m) => m[1]!);

describe('docs/architecture.md', () => {
  it('names the files it explains', () => {
    expect(named.length).toBeGreaterThan(40);
  });

  it.each([...new Set(named)])('%s exists', (path) => {
    expect(existsSync(join(root, path))).toBe(true);
  });

  it('lists every wiring module there is', () => {
    const modules = readdirSync(join(root, 'src', 'app', 'wiring'));
    expect(modules.length).toBeGreaterThan(5);
    for (const module of modules) expect(page).toContain(`src/app/wiring/${module}`);
  });
});
