/**
 * `npm run package`: builds the Teams app package a tenant administrator uploads (Teams admin center › Teams apps ›
 * Manage apps › Upload new app), checked offline first.
 *
 *   npm run package                       the "dev" environment: env/.env.dev, written to appPackage/build/dev.zip
 *   npm run package -- --env prod         another environment: env/.env.prod, appPackage/build/prod.zip
 *   npm run package -- --env prod --env-dir <folder> --out-dir <folder> --app-dir <folder>
 *                                         other folders for the env files, the zip and the manifest with its icons
 *
 * Exit code: 0 with the package's path and size; 1 with every problem found (nothing is written); 2 when the
 * arguments are wrong. The Teams store's own validation is not run here: see the README.
 */
import { join, resolve } from 'node:path';
import { buildAppPackage, shown, type PackageOptions } from './app-package/build-package';

const ROOT = join(__dirname, '..');
const USAGE = 'Usage: npm run package [-- --env <name>] [--env-dir <folder>] [--out-dir <folder>] [--app-dir <folder>]';
const OPTIONS = { '--env': 'envName', '--env-dir': 'envDir', '--out-dir': 'outDir', '--app-dir': 'appDir' } as const;

function readArguments(argv: readonly string[]): PackageOptions {
  const given: Partial<Record<keyof PackageOptions, string>> = {};
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const key = OPTIONS[flag as keyof typeof OPTIONS];
    const value = argv[i + 1];
    if (!key) problems.push(`unknown argument "${flag}"`);
    else if (value === undefined || value.startsWith('--')) problems.push(`${flag} needs a value`);
    else {
      given[key] = value;
      i++;
    }
  }
  if (problems.length > 0) {
    console.error(`npm run package: ${problems.join('; ')}.\n${USAGE}`);
    process.exit(2);
  }
  // Folders given on the command line are taken from where the command runs; the defaults are the project's own.
  const folder = (value: string | undefined, fallback: string) => (value === undefined ? fallback : resolve(value));
  return {
    envName: given.envName ?? 'dev',
    appDir: folder(given.appDir, join(ROOT, 'appPackage')),
    envDir: folder(given.envDir, join(ROOT, 'env')),
    outDir: folder(given.outDir, join(ROOT, 'appPackage', 'build')),
  };
}

function main(): void {
  const options = readArguments(process.argv.slice(2));
  const result = buildAppPackage(options);
  if (!result.ok) {
    console.error(
      `npm run package: the app package for "${options.envName}" was not built, because:\n` +
        result.problems.map((problem) => `  - ${problem}`).join('\n'),
    );
    process.exit(1);
  }
  const size = result.bytes < 1024 ? `${result.bytes} bytes` : `${(result.bytes / 1024).toFixed(1)} KB, ${result.bytes} bytes`;
  console.log(
    `Built ${shown(result.zipPath)} (${size}): ${result.files.join(', ')}.\n` +
      'Checked offline against the Teams manifest schema and the package rules; ' +
      "the Teams store's own validation (the Toolkit's teamsApp/validateAppPackage) is not run here.",
  );
}

main();
