import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnumTypeDef, MetadataExtract, PropertyDef, StructuredTypeDef } from './csdl-model';

/** The committed extract of Graph's v1.0 CSDL (see README.md for its source and how to regenerate it). */
export const GRAPH_V1_METADATA: MetadataExtract = JSON.parse(readFileSync(join(__dirname, 'graph-v1-metadata.json'), 'utf8'));

/** `#microsoft.graph.user`, `microsoft.graph.user`, `graph.user` → `user`. */
export function shortTypeName(type: string): string {
  return type.replace(/^#/, '').replace(/^(microsoft\.graph|graph)\.(?=[^.]+$)/, '');
}

/** A structured type with everything its base types declare, nearest declaration first. */
export interface ResolvedType {
  name: string;
  def: StructuredTypeDef;
  /** The type and its base types, the type first. */
  lineage: string[];
  properties: Map<string, PropertyDef>;
  navigationProperties: Map<string, PropertyDef>;
}

export class GraphMetadata {
  private readonly resolved = new Map<string, ResolvedType>();

  constructor(readonly extract: MetadataExtract = GRAPH_V1_METADATA) {}

  enumType(name: string): EnumTypeDef | undefined {
    return this.extract.enumTypes[shortTypeName(name)];
  }

  /** undefined when the type is not in the extract (not served by the emulator, or not extracted yet). */
  structuredType(name: string): ResolvedType | undefined {
    const short = shortTypeName(name);
    const cached = this.resolved.get(short);
    if (cached) return cached;
    const def = this.extract.structuredTypes[short];
    if (!def) return undefined;
    const base = def.baseType ? this.structuredType(def.baseType) : undefined;
    if (def.baseType && !base) throw new Error(`the extract lacks ${def.baseType}, the base type of ${short}: regenerate it`);
    const resolved: ResolvedType = {
      name: short,
      def,
      lineage: [short, ...(base?.lineage ?? [])],
      properties: new Map([...(base?.properties ?? []), ...Object.entries(def.properties)]),
      navigationProperties: new Map([...(base?.navigationProperties ?? []), ...Object.entries(def.navigationProperties ?? {})]),
    };
    this.resolved.set(short, resolved);
    return resolved;
  }

  /** Whether `type` is `base` or derives from it. */
  isA(type: string, base: string): boolean {
    return this.structuredType(type)?.lineage.includes(shortTypeName(base)) ?? false;
  }

  /** The types of the extract that derive from `base` (not `base` itself). */
  derivedTypes(base: string): string[] {
    const short = shortTypeName(base);
    return Object.keys(this.extract.structuredTypes).filter((name) => name !== short && this.isA(name, short));
  }
}
