/**
 * Regenerates `graph-v1-metadata.json`, the extract of Microsoft Graph's v1.0 CSDL the emulator's response
 * shapes are checked against, from a full CSDL file:
 *
 *   npx tsx test/emulators/graph/metadata/extract-metadata.ts <path to v1.0 CSDL> --commit <sha> [--path <path in repo>] [--out <file>]
 *
 * The CSDL comes from github.com/microsoftgraph/msgraph-metadata (`schemas/v1.0-Prod.csdl`, what
 * graph.microsoft.com/v1.0/$metadata serves). Only ROOTS below, their base types, the derived types of
 * WITH_DERIVED, and the complex and enum types their properties use are kept; navigation targets are named but
 * not followed. Add a root here when the emulator starts serving a new type, then rerun.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectionItemType, type MetadataExtract, type PropertyDef, type StructuredTypeDef } from './csdl-model';
import { parseCsdl, type CsdlDocument } from './csdl-parser';

const GRAPH = 'microsoft.graph.';

/** What the emulator serves, and what the routes being added will (policies, conditional access). */
export const ROOTS: readonly string[] = [
  // directory
  'user',
  'group',
  'directoryRole',
  'directoryObject',
  'mailboxSettings',
  // authentication methods (`authentication` names the /users/{id}/authentication/* collections) and the report
  'authentication',
  'authenticationMethod',
  'userRegistrationDetails',
  'userRegistrationFeatureSummary',
  'userRegistrationMethodSummary',
  // Teams apps
  'userScopeTeamsAppInstallation',
  'teamsApp',
  'teamsAppDefinition',
  'chat',
  // authentication methods policy and registration campaign
  'authenticationMethodsPolicy',
  'registrationEnforcement',
  'authenticationMethodsRegistrationCampaign',
  'authenticationMethodsRegistrationCampaignIncludeTarget',
  'excludeTarget',
  'authenticationMethodConfiguration',
  'authenticationMethodTarget',
  // conditional access and security defaults
  'conditionalAccessPolicy',
  'conditionalAccessConditionSet',
  'conditionalAccessUsers',
  'conditionalAccessApplications',
  'conditionalAccessGrantControls',
  'conditionalAccessSessionControls',
  'authenticationStrengthPolicy',
  'identitySecurityDefaultsEnforcementPolicy',
  // sign-in logs (/auditLogs/signIns)
  'signIn',
];

/** Abstract (or polymorphic) roots whose derived types come along: a response names them in `@odata.type`. */
export const WITH_DERIVED: readonly string[] = ['authenticationMethod', 'authenticationMethodConfiguration', 'authenticationMethodTarget'];

export function extract(
  document: CsdlDocument,
  source: MetadataExtract['source'],
  roots: readonly string[] = ROOTS,
  withDerived: readonly string[] = WITH_DERIVED,
): MetadataExtract {
  const { structuredTypes, enumTypes } = document;
  const keep = new Set<string>();
  const queue = roots.map((r) => GRAPH + r);
  for (const root of withDerived) queue.push(...derivedTypes(document, GRAPH + root));
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (keep.has(name)) continue;
    const def = structuredTypes.get(name);
    if (!def && !enumTypes.has(name)) throw new Error(`${name} is not in the CSDL`);
    keep.add(name);
    if (!def) continue;
    if (def.baseType) queue.push(def.baseType);
    for (const property of Object.values(def.properties)) {
      const type = collectionItemType(property.type) ?? property.type;
      if (!type.startsWith('Edm.')) queue.push(type);
    }
    // A complex value may be any type derived from the declared one (it then says so in @odata.type).
    if (def.kind === 'complex' && def.abstract) queue.push(...derivedTypes(document, name));
  }
  const out: MetadataExtract = {
    source,
    notes: [
      'Extract of the Microsoft Graph v1.0 CSDL: only the types the Graph emulator serves, their base types, and the complex and enum types their properties use. Regenerate with extract-metadata.ts; do not edit by hand.',
      'Type names drop the microsoft.graph. namespace. nullable is CSDL Nullable (default true); on a Collection it is about its items, as an OData collection is never null.',
      'Navigation properties are not in a response unless $expand-ed (or the route returns the target itself); their targets are kept only when they are roots.',
      'Enum members are in value order: the members after unknownFutureValue are only sent to a client that asks with Prefer: include-unknown-enum-members.',
    ],
    roots: [...roots],
    withDerived: [...withDerived],
    structuredTypes: {},
    enumTypes: {},
  };
  for (const name of [...keep].sort((a, b) => short(a).localeCompare(short(b)))) {
    const def = structuredTypes.get(name);
    if (def) out.structuredTypes[short(name)] = shorten(def);
    else out.enumTypes[short(name)] = enumTypes.get(name) as MetadataExtract['enumTypes'][string];
  }
  return out;
}

function derivedTypes(document: CsdlDocument, base: string): string[] {
  const found: string[] = [];
  for (const [name, def] of document.structuredTypes) if (def.baseType === base) found.push(name, ...derivedTypes(document, name));
  return found;
}

function short(type: string): string {
  const item = collectionItemType(type);
  if (item !== undefined) return `Collection(${short(item)})`;
  return type.startsWith(GRAPH) && !type.slice(GRAPH.length).includes('.') ? type.slice(GRAPH.length) : type;
}

function shorten(def: StructuredTypeDef): StructuredTypeDef {
  const properties = (list: Record<string, PropertyDef>) =>
    Object.fromEntries(Object.entries(list).map(([name, p]) => [name, { type: short(p.type), nullable: p.nullable }]));
  // Key order is the JSON's: kind, baseType, abstract, openType, properties, navigationProperties.
  const out: StructuredTypeDef = {
    kind: def.kind,
    ...(def.baseType ? { baseType: short(def.baseType) } : {}),
    ...(def.abstract ? { abstract: true } : {}),
    ...(def.openType ? { openType: true } : {}),
    properties: properties(def.properties),
  };
  if (def.navigationProperties) out.navigationProperties = properties(def.navigationProperties);
  return out;
}

/** Pretty JSON with one line per property, enum and note: readable diffs at tens of kilobytes. */
export function formatExtract(extract: MetadataExtract): string {
  const json = JSON.stringify(extract, null, 2);
  return `${json.replace(/\{\n\s+"type": ("[^"]*"),\n\s+"nullable": (true|false)\n\s+\}/g, '{ "type": $1, "nullable": $2 }').replace(
    /"members": \[\n([^\]]*)\n\s+\]/g,
    (_, list: string) =>
      `"members": [${list
        .trim()
        .split(/,\n\s+/)
        .join(', ')}]`,
  )}\n`;
}

function main(argv: string[]): void {
  const [file, ...rest] = argv;
  const option = (name: string) => {
    const at = rest.indexOf(`--${name}`);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const commit = option('commit');
  if (!file || !commit) {
    console.error('usage: extract-metadata.ts <v1.0 CSDL file> --commit <msgraph-metadata commit> [--path <path in repo>] [--out <file>]');
    process.exit(2);
  }
  const out = option('out') ?? join(__dirname, 'graph-v1-metadata.json');
  const result = extract(parseCsdl(readFileSync(file, 'utf8')), {
    repository: 'https://github.com/microsoftgraph/msgraph-metadata',
    path: option('path') ?? 'schemas/v1.0-Prod.csdl',
    commit,
    extractedBy: 'test/emulators/graph/metadata/extract-metadata.ts',
  });
  const text = formatExtract(result);
  writeFileSync(out, text);
  console.log(
    `${out}: ${Object.keys(result.structuredTypes).length} structured types, ${Object.keys(result.enumTypes).length} enum types, ${text.length} bytes`,
  );
}

if (require.main === module) main(process.argv.slice(2));
