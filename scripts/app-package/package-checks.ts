import { compileTeamsSchema, describeSchemaError, schemaUrl } from './teams-schema';
import { iconPathProblem, iconProblems, type IconRole } from './icon-rules';
import { commandMenuProblems, idProblems, validDomainProblems, versionProblems } from './manifest-rules';

/** Reads one file of the package by its name in the manifest; undefined when there is none. */
export type ReadPackageFile = (name: string) => Buffer | undefined;

const ROLES: readonly IconRole[] = ['color', 'outline'];
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Compiling a schema takes a while; a run checks the manifest once, a test many times. */
const validators = new Map<string, ReturnType<typeof compileTeamsSchema>>();
function validatorFor(version: string): ReturnType<typeof compileTeamsSchema> {
  let validate = validators.get(version);
  if (!validate) validators.set(version, (validate = compileTeamsSchema(version)));
  return validate;
}

/**
 * Everything that can be checked without the network about a filled-in manifest and the files it names: the Teams
 * schema of its manifestVersion, then the package rules (ids, version, menus, domains, icons). All problems at once.
 */
export function checkManifest(manifest: unknown, readFile: ReadPackageFile): string[] {
  if (!isObject(manifest)) return ['manifest.json does not hold a JSON object'];
  return [...schemaProblems(manifest), ...ruleProblems(manifest), ...fileProblems(manifest, readFile)];
}

/** The file names of the two icons, as the package holds them. */
export function iconNames(manifest: unknown): string[] {
  const icons = isObject(manifest) && isObject(manifest.icons) ? manifest.icons : {};
  return ROLES.map((role) => icons[role]).filter((name): name is string => typeof name === 'string');
}

function schemaProblems(manifest: Json): string[] {
  const version = manifest.manifestVersion;
  if (typeof version !== 'string') return ['manifestVersion is missing: the schema to check against cannot be chosen'];
  let validate: ReturnType<typeof compileTeamsSchema>;
  try {
    validate = validatorFor(version);
  } catch {
    return [`manifestVersion ${version}: @microsoft/app-manifest ships no Teams schema for it, so it cannot be checked offline`];
  }
  const problems = validate(manifest).map((error) => `schema v${version}: ${describeSchemaError(error)}`);
  if (manifest.$schema !== undefined && manifest.$schema !== schemaUrl(version))
    problems.push(
      `$schema is ${JSON.stringify(manifest.$schema)}, but manifestVersion ${version} is checked against ${schemaUrl(version)}`,
    );
  return problems;
}

function ruleProblems(manifest: Json): string[] {
  return [...idProblems(manifest), ...versionProblems(manifest), ...commandMenuProblems(manifest), ...validDomainProblems(manifest)];
}

/** The package holds manifest.json and the two icons, nothing else: any other file the manifest names is refused. */
function fileProblems(manifest: Json, readFile: ReadPackageFile): string[] {
  const icons = isObject(manifest.icons) ? manifest.icons : {};
  const problems: string[] = [];
  for (const role of ROLES) {
    const pathProblem = iconPathProblem(role, icons[role]);
    if (pathProblem) problems.push(pathProblem);
    else problems.push(...iconProblems(role, icons[role] as string, readFile(icons[role] as string)));
  }
  if (typeof icons.color === 'string' && icons.color === icons.outline) problems.push('icons.color and icons.outline name the same file');
  const localization = isObject(manifest.localizationInfo) ? manifest.localizationInfo : {};
  const others = [
    ['icons.color32x32', icons.color32x32],
    ['localizationInfo.defaultLanguageFile', localization.defaultLanguageFile],
    ...(Array.isArray(localization.additionalLanguages) ? localization.additionalLanguages : []).map((language, index) => [
      `localizationInfo.additionalLanguages[${index}].file`,
      isObject(language) ? language.file : undefined,
    ]),
  ].filter(([, file]) => file !== undefined);
  for (const [where, file] of others)
    problems.push(`${where} names ${JSON.stringify(file)}: this package holds only manifest.json and its two icons`);
  return problems;
}
