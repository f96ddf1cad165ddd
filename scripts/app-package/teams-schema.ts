import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ErrorObject } from 'ajv';
// The Teams manifest schemas declare JSON Schema draft-04, which Ajv 8 supports through this class
// (the one @microsoft/app-manifest itself validates with).
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * The official Teams manifest schema for one manifestVersion, as @microsoft/app-manifest ships it. Reading it from
 * the package keeps validation offline: the `$schema` address in a manifest is never fetched.
 */
export function schemaFile(version: string): string {
  return join(
    dirname(require.resolve('@microsoft/app-manifest/package.json')),
    'build',
    'json-schemas',
    'teams',
    `v${version}`,
    'MicrosoftTeams.schema.json',
  );
}

/** The address a manifest of this version should name in `$schema`. */
export const schemaUrl = (version: string): string =>
  `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;

/** Every `$ref` that points outside the schema document itself. */
function externalRefs(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => externalRefs(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) found.add(value.split('#')[0] as string);
      else externalRefs(value, found);
    }
  }
  return found;
}

/** Compiles the official schema shipped for `version`, offline; throws if the package has no schema for it. */
export function compileTeamsSchema(version: string): (manifest: unknown) => ErrorObject[] {
  const file = schemaFile(version);
  if (!existsSync(file)) throw new Error(`@microsoft/app-manifest ships no schema for manifestVersion ${version} (looked for ${file})`);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as { $schema?: string };
  if (!schema.$schema?.includes('draft-04'))
    throw new Error(`${file} declares ${schema.$schema}, not draft-04: use the Ajv class for that draft`);
  const ajv = new Ajv04({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  // Ajv never fetches on its own; any schema this one refers to must come from the same folder.
  for (const ref of externalRefs(schema)) {
    const local = join(dirname(file), basename(ref));
    if (!existsSync(local)) throw new Error(`${file} refers to ${ref}, which is not shipped next to it`);
    ajv.addSchema(JSON.parse(readFileSync(local, 'utf8')) as object, ref);
  }
  const validate = ajv.compile(schema);
  return (manifest) => (validate(manifest) ? [] : [...(validate.errors ?? [])]);
}

/** One schema error in words: where in the manifest, and what is wrong there. */
export function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the manifest' : error.instancePath;
  const extra =
    error.keyword === 'additionalProperties'
      ? ` ("${String((error.params as { additionalProperty?: unknown }).additionalProperty)}")`
      : error.keyword === 'enum'
        ? ` (one of ${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
        : '';
  return `${where} ${error.message ?? 'is not valid'}${extra}`;
}
