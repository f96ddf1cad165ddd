import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { ENV_NAME, parseEnvFile } from './env-file';
import { checkManifest, iconNames } from './package-checks';
import { checkPackageZip, MANIFEST_FILE, zipAppPackage } from './package-zip';
import { fillPlaceholders } from './placeholders';

export interface PackageOptions {
  /** The Toolkit environment: its settings are read from `<envDir>/.env.<envName>`. */
  envName: string;
  /** The folder holding manifest.json and its icons (appPackage/). */
  appDir: string;
  /** The folder of the Toolkit's env files (env/). */
  envDir: string;
  /** Where `<envName>.zip` is written (appPackage/build/); created when missing. */
  outDir: string;
}

export type PackageResult = { ok: true; zipPath: string; bytes: number; files: string[] } | { ok: false; problems: string[] };

/** A path as the person running the command would type it: relative to where they are, when that is shorter. */
export function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere === '' || fromHere.startsWith('..') || isAbsolute(fromHere) ? path : fromHere;
}

const readIfThere = (path: string): Buffer | undefined => (existsSync(path) ? readFileSync(path) : undefined);

/**
 * Builds the Teams app package for one environment, offline: fills the manifest's placeholders from the env file
 * (never from its `.user` companion, where the Toolkit keeps secrets), checks the result against the Teams schema
 * and the package rules, zips it and checks the zip again. Nothing is written unless every check passes.
 */
export function buildAppPackage(options: PackageOptions): PackageResult {
  const { envName, appDir, envDir, outDir } = options;
  if (!ENV_NAME.test(envName)) return refuse([`"${envName}" is not an environment name (letters, digits, - and _ only)`]);
  const envFile = join(envDir, `.env.${envName}`);
  const manifestFile = join(appDir, MANIFEST_FILE);
  const missingFiles = [envFile, manifestFile].filter((file) => !existsSync(file)).map((file) => `${shown(file)} does not exist`);
  if (missingFiles.length > 0) return refuse(missingFiles);

  // The Toolkit sets TEAMSFX_ENV to the environment's name whatever the file says.
  const values = new Map([...parseEnvFile(readFileSync(envFile, 'utf8')), ['TEAMSFX_ENV', envName]]);
  const filled = fillPlaceholders(readFileSync(manifestFile, 'utf8'), values);
  const placeholderProblems = [
    ...filled.secrets.map((name) => `${shown(manifestFile)} names the secret \${{${name}}}: a secret never goes into the app package`),
    ...(filled.missing.length === 0
      ? []
      : [
          `these placeholders in ${shown(manifestFile)} have no value in ${shown(envFile)}: ${filled.missing.join(', ')}. ` +
            `An env file fresh from the repository leaves its ids empty until provision fills them: run provision for ` +
            `"${envName}" (Agents Toolkit: Provision, or atk provision --env ${envName}), or fill them in by hand.`,
        ]),
  ];
  if (placeholderProblems.length > 0) return refuse(placeholderProblems);

  let manifest: unknown;
  try {
    manifest = JSON.parse(filled.text);
  } catch (error) {
    return refuse([`${shown(manifestFile)} is not valid JSON once filled in (${(error as Error).message})`]);
  }
  const problems = checkManifest(manifest, (name) => readIfThere(join(appDir, name)));
  if (problems.length > 0) return refuse(problems);

  const icons = new Map(iconNames(manifest).map((name) => [name, readFileSync(join(appDir, name))]));
  const zip = zipAppPackage(manifest, icons);
  const zipProblems = checkPackageZip(zip);
  if (zipProblems.length > 0) return refuse(zipProblems);

  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `${envName}.zip`);
  // Written beside, then renamed: an upload never picks up half a file.
  writeFileSync(`${zipPath}.partial`, zip);
  renameSync(`${zipPath}.partial`, zipPath);
  return { ok: true, zipPath, bytes: zip.length, files: [MANIFEST_FILE, ...icons.keys()] };
}

const refuse = (problems: string[]): PackageResult => ({ ok: false, problems });
