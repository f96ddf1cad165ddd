import type { EnumTypeDef, PropertyDef, StructuredTypeDef } from './csdl-model';

/** Every structured and enum type of a CSDL document, by qualified name (`microsoft.graph.user`). */
export interface CsdlDocument {
  structuredTypes: Map<string, StructuredTypeDef>;
  enumTypes: Map<string, EnumTypeDef>;
}

interface Element {
  name: string;
  attributes: Record<string, string>;
  parent: Element | undefined;
}

const TAG = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*"[^"]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /([\w.:-]+)\s*=\s*"([^"]*)"/g;

function decode(text: string): string {
  return text.replace(/&(quot|amp|lt|gt|apos);/g, (_, e: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" })[e] as string);
}

/**
 * Reads the types out of a CSDL (OData 4 `$metadata`) document. A scanner rather than an XML library: Microsoft
 * generates these files, they hold no CDATA or mixed content, and only element names and attributes matter here.
 */
export function parseCsdl(xml: string): CsdlDocument {
  const structuredTypes = new Map<string, StructuredTypeDef>();
  const enumTypes = new Map<string, EnumTypeDef>();
  const enumValues = new Map<string, { name: string; value: number }[]>();
  let current: Element | undefined;
  let schema = { namespace: '', alias: '' };
  const qualify = (type: string) => qualifyType(type, schema);
  for (const match of xml.matchAll(TAG)) {
    const [, closing, name, rawAttributes, selfClosing] = match;
    if (name === undefined) continue; // comment or processing instruction
    if (closing) {
      current = current?.parent;
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of (rawAttributes ?? '').matchAll(ATTRIBUTE)) attributes[key as string] = decode(value as string);
    const element: Element = { name, attributes, parent: current };
    const parent = current;
    if (name === 'Schema') schema = { namespace: attributes.Namespace ?? '', alias: attributes.Alias ?? '' };
    if (name === 'EntityType' || name === 'ComplexType') {
      const def: StructuredTypeDef = { kind: name === 'EntityType' ? 'entity' : 'complex', properties: {} };
      if (attributes.BaseType) def.baseType = qualify(attributes.BaseType);
      if (attributes.Abstract === 'true') def.abstract = true;
      if (attributes.OpenType === 'true') def.openType = true;
      structuredTypes.set(`${schema.namespace}.${attributes.Name}`, def);
    }
    if ((name === 'Property' || name === 'NavigationProperty') && parent && /^(Entity|Complex)Type$/.test(parent.name)) {
      const def = structuredTypes.get(`${schema.namespace}.${parent.attributes.Name}`) as StructuredTypeDef;
      const property: PropertyDef = { type: qualify(attributes.Type ?? ''), nullable: attributes.Nullable !== 'false' };
      if (name === 'Property') def.properties[attributes.Name as string] = property;
      else (def.navigationProperties ??= {})[attributes.Name as string] = property;
    }
    if (name === 'EnumType') {
      const qualified = `${schema.namespace}.${attributes.Name}`;
      enumTypes.set(qualified, { isFlags: attributes.IsFlags === 'true', members: [] });
      enumValues.set(qualified, []);
    }
    if (name === 'Member' && parent?.name === 'EnumType') {
      const list = enumValues.get(`${schema.namespace}.${parent.attributes.Name}`);
      list?.push({ name: attributes.Name as string, value: Number(attributes.Value ?? list.length) });
    }
    if (!selfClosing) current = element;
  }
  for (const [qualified, values] of enumValues) {
    (enumTypes.get(qualified) as EnumTypeDef).members = [...values].sort((a, b) => a.value - b.value).map((m) => m.name);
  }
  return { structuredTypes, enumTypes };
}

/** `graph.user` (alias) → `microsoft.graph.user`; `Collection(graph.x)` likewise; `Edm.*` unchanged. */
function qualifyType(type: string, schema: { namespace: string; alias: string }): string {
  const item = /^Collection\((.+)\)$/.exec(type)?.[1];
  if (item !== undefined) return `Collection(${qualifyType(item, schema)})`;
  if (schema.alias && type.startsWith(`${schema.alias}.`)) return `${schema.namespace}${type.slice(schema.alias.length)}`;
  if (type.startsWith('graph.')) return `microsoft.graph${type.slice('graph'.length)}`;
  return type;
}
