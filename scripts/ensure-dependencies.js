// Runs before `npm run demo` and `npm test`: on a fresh clone, installs exactly what the lockfile says,
// so each of the README's commands works alone. Plain JavaScript: nothing is installed yet when it runs.
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;

if (stale) {
  console.log('Installing dependencies from package-lock.json (first run only)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, npm_config_yes: 'true' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
