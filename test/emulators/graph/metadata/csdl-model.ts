/**
 * The shape of the committed extract of Microsoft Graph's v1.0 CSDL (`graph-v1-metadata.json`): the structural
 * types the Graph emulator serves, their base types and the complex and enum types their properties use.
 *
 * Type references are written as in CSDL, with the `microsoft.graph.` namespace (or its `graph.` alias) dropped:
 * `Edm.String`, `user`, `Collection(excludeTarget)`. Types of other namespaces keep their full name.
 */

export interface MetadataSource {
  repository: string;
  path: string;
  commit: string;
  extractedBy: string;
}

export interface PropertyDef {
  /** `Edm.*`, a type of the extract, or `Collection(…)` of either. */
  type: string;
  /**
   * CSDL's Nullable (default true). On a collection it says whether its items may be null: an OData collection
   * itself is never null (it is `[]` when empty).
   */
  nullable: boolean;
}

export interface StructuredTypeDef {
  kind: 'entity' | 'complex';
  baseType?: string;
  abstract?: boolean;
  /** An open type accepts dynamic properties; the checker only lets directory extension properties through. */
  openType?: boolean;
  /** Declared on this type only; the base types' come from `baseType`. */
  properties: Record<string, PropertyDef>;
  /** Only in a response when `$expand`ed (or when a route returns the navigation target itself). */
  navigationProperties?: Record<string, PropertyDef>;
}

export interface EnumTypeDef {
  isFlags: boolean;
  /** In order of their values, so members after `unknownFutureValue` are the evolvable ones. */
  members: string[];
}

export interface MetadataExtract {
  source: MetadataSource;
  notes: string[];
  /** Types the checker may be asked about (what the emulator serves and the routes in progress). */
  roots: string[];
  /** Roots whose every derived v1.0 type is in the extract: a type not among them is not one of theirs in v1.0. */
  withDerived: string[];
  structuredTypes: Record<string, StructuredTypeDef>;
  enumTypes: Record<string, EnumTypeDef>;
}

/** `Collection(x)` → x, otherwise undefined. */
export function collectionItemType(type: string): string | undefined {
  const match = /^Collection\((.+)\)$/.exec(type);
  return match ? match[1] : undefined;
}
