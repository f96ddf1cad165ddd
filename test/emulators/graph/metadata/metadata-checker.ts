import { collectionItemType, type PropertyDef } from './csdl-model';
import { describeJson, primitiveProblem } from './edm-primitives';
import { GraphMetadata, shortTypeName, type ResolvedType } from './graph-metadata';

export interface CheckOptions {
  /**
   * The navigation properties the response inlines, as paths from the checked object: `manager` for
   * `$expand=manager`, `grantControls/authenticationStrength` for one Graph inlines inside a complex property, `a/b`
   * for `$expand=a($expand=b)`. Any other navigation property is a failure: Graph only inlines what was expanded.
   */
  expanded?: readonly string[];
  /** The request said `Prefer: include-unknown-enum-members`, so members after `unknownFutureValue` may be sent. */
  includeUnknownEnumMembers?: boolean;
}

/** Annotations Graph writes on an entity or complex value (`@odata.*`); any namespaced `@term` is let through too. */
const ODATA_INSTANCE_ANNOTATIONS = new Set(
  ['context', 'type', 'id', 'etag', 'editLink', 'readLink', 'mediaReadLink', 'mediaEditLink', 'mediaContentType', 'mediaEtag'].map(
    (a) => `@odata.${a}`,
  ),
);
/** Members of a collection response besides `value`. */
const COLLECTION_ENVELOPE = new Set(['@odata.context', '@odata.nextLink', '@odata.deltaLink', '@odata.count', 'value']);
/** A directory schema extension on an open type (user, group…): `extension_{appId without dashes}_{name}`. */
const DIRECTORY_EXTENSION = /^extension_[0-9a-f]{32}_\w+$/i;

/**
 * Checks JSON from the emulator against Graph's v1.0 metadata: every property is declared on the type or a base
 * type (or is an annotation), values have their declared Edm type, non-nullable properties are not null, enum
 * values are members, and complex values and expanded entities are checked the same way. Returns the problems,
 * each starting with the JSON path; [] when the value conforms.
 */
export class MetadataChecker {
  constructor(readonly metadata: GraphMetadata = new GraphMetadata()) {}

  /** `type`: `user`, `microsoft.graph.user` or `#microsoft.graph.user`; omitted, the value's `@odata.type` says it. */
  check(value: unknown, type?: string, options: CheckOptions = {}): string[] {
    const problems: string[] = [];
    const declared = type ?? (isObject(value) && typeof value['@odata.type'] === 'string' ? value['@odata.type'] : undefined);
    if (declared === undefined) return ['$: no type given and no @odata.type in the value'];
    this.checkValue(value, shortTypeName(declared), false, '$', options, problems);
    return problems;
  }

  /** A collection response: only `value` and the OData envelope annotations, each item checked as `itemType`. */
  checkCollection(body: unknown, itemType: string, options: CheckOptions = {}): string[] {
    if (!isObject(body) || !Array.isArray(body.value))
      return [`$: expected a collection response with a value array, got ${describeJson(body)}`];
    const problems: string[] = [];
    for (const [key, member] of Object.entries(body)) {
      if (!COLLECTION_ENVELOPE.has(key))
        problems.push(`$.${key}: not part of an OData collection response (${[...COLLECTION_ENVELOPE].join(', ')})`);
      else if (key !== 'value') {
        const problem = annotationProblem(key, member);
        if (problem) problems.push(`$.${key}: ${problem}`);
      }
    }
    body.value.forEach((item, i) => {
      this.checkValue(item, shortTypeName(itemType), false, `$.value[${i}]`, options, problems);
    });
    return problems;
  }

  private checkValue(value: unknown, type: string, nullable: boolean, path: string, options: CheckOptions, problems: string[]): void {
    const item = collectionItemType(type);
    if (item !== undefined) {
      if (!Array.isArray(value)) {
        problems.push(`${path}: ${type} must be a JSON array (an empty collection is [], never null), got ${describeJson(value)}`);
        return;
      }
      value.forEach((element, i) => this.checkValue(element, item, nullable, `${path}[${i}]`, options, problems));
      return;
    }
    if (value === null) {
      if (!nullable) problems.push(`${path}: null, but the property is not nullable (${type}, Nullable="false")`);
      return;
    }
    if (type.startsWith('Edm.')) {
      const problem = primitiveProblem(type, value);
      if (problem) problems.push(`${path}: ${problem}`);
      return;
    }
    const enumType = this.metadata.enumType(type);
    if (enumType) {
      const problem = this.enumProblem(type, value, options);
      if (problem) problems.push(`${path}: ${problem}`);
      return;
    }
    this.checkStructured(value, type, path, options, problems);
  }

  private enumProblem(type: string, value: unknown, options: CheckOptions): string | undefined {
    const def = this.metadata.enumType(type);
    if (!def) return `${type} is not an enum type of the extract`;
    if (typeof value !== 'string') return `${type} values are member names as strings, got ${describeJson(value)}`;
    const cutoff = def.members.indexOf('unknownFutureValue');
    const names = def.isFlags ? value.split(',').map((s) => s.trim()) : [value];
    for (const name of names) {
      const at = def.members.indexOf(name);
      if (at < 0) return `'${name}' is not a member of ${type} (${def.members.join(', ')})`;
      if (cutoff >= 0 && at > cutoff && !options.includeUnknownEnumMembers)
        return `'${name}' comes after unknownFutureValue in ${type}: Graph sends it only to a client that asks with Prefer: include-unknown-enum-members, others get 'unknownFutureValue'`;
    }
    return undefined;
  }

  private checkStructured(value: unknown, declared: string, path: string, options: CheckOptions, problems: string[]): void {
    const declaredType = this.metadata.structuredType(declared);
    if (!declaredType) {
      problems.push(`${path}: ${declared} is not in the metadata extract (add it to ROOTS in extract-metadata.ts)`);
      return;
    }
    if (!isObject(value)) {
      problems.push(`${path}: ${declared} must be a JSON object, got ${describeJson(value)}`);
      return;
    }
    const type = this.actualType(value, declaredType, path, problems);
    if (!type) return;
    for (const [key, member] of Object.entries(value)) {
      const at = `${path}.${key}`;
      if (key.startsWith('@')) {
        if (key.startsWith('@odata.') ? !ODATA_INSTANCE_ANNOTATIONS.has(key) : !/^@\w+(\.\w+)+$/.test(key))
          problems.push(`${at}: not an annotation Graph writes on a ${type.name}`);
        else {
          const problem = annotationProblem(key, member);
          if (problem) problems.push(`${at}: ${problem}`);
        }
        continue;
      }
      if (key.includes('@')) {
        const [property, term] = key.split('@') as [string, string];
        if (!type.properties.has(property) && !type.navigationProperties.has(property))
          problems.push(`${at}: annotates '${property}', which is not a property of ${type.name}`);
        else if (!/^\w+(\.\w+)+$/.test(term)) problems.push(`${at}: '${term}' is not an annotation term`);
        else {
          const problem = annotationProblem(`@${term}`, member);
          if (problem) problems.push(`${at}: ${problem}`);
        }
        continue;
      }
      const property = type.properties.get(key);
      if (property) {
        this.checkValue(member, property.type, property.nullable, at, below(options, key), problems);
        continue;
      }
      const navigation = type.navigationProperties.get(key);
      if (navigation) {
        this.checkNavigation(member, key, navigation, type, at, options, problems);
        continue;
      }
      if (type.lineage.some((t) => this.metadata.structuredType(t)?.def.openType) && DIRECTORY_EXTENSION.test(key)) continue;
      problems.push(`${at}: unknown property '${key}': not declared on ${type.lineage.join(' < ')} in Graph v1.0`);
    }
  }

  private checkNavigation(
    value: unknown,
    name: string,
    navigation: PropertyDef,
    type: ResolvedType,
    path: string,
    options: CheckOptions,
    problems: string[],
  ): void {
    if (!(options.expanded ?? []).includes(name)) {
      problems.push(`${path}: '${name}' is a navigation property of ${type.name}: Graph returns it only when $expand-ed`);
      return;
    }
    // An expanded single-valued navigation with nothing to point at is null (OData JSON), if its Nullable allows.
    this.checkValue(value, navigation.type, navigation.nullable, path, below(options, name), problems);
  }

  /** The declared type, or the one `@odata.type` names, which must derive from it; an abstract type must be named. */
  private actualType(value: Record<string, unknown>, declared: ResolvedType, path: string, problems: string[]): ResolvedType | undefined {
    const named = value['@odata.type'];
    if (named === undefined) {
      if (declared.def.abstract) problems.push(`${path}: ${declared.name} is abstract: a value of it must say its type in @odata.type`);
      return declared;
    }
    if (typeof named !== 'string' || !/^#microsoft\.graph\.\w+$/.test(named)) {
      problems.push(`${path}.@odata.type: expected '#microsoft.graph.{type}', got ${describeJson(named)}`);
      return undefined;
    }
    const actual = this.metadata.structuredType(named);
    if (!actual) {
      const complete = declared.lineage.find((t) => this.metadata.extract.withDerived.includes(t));
      problems.push(
        complete
          ? `${path}.@odata.type: ${named} is not a v1.0 type derived from ${complete} (the extract holds all of those: is it beta only?)`
          : `${path}.@odata.type: ${named} is not in the metadata extract (add it to ROOTS in extract-metadata.ts if Graph v1.0 has it)`,
      );
      return undefined;
    }
    if (!actual.lineage.includes(declared.name)) {
      problems.push(`${path}.@odata.type: ${named} is not ${declared.name} or derived from it`);
      return undefined;
    }
    if (actual.def.abstract) problems.push(`${path}.@odata.type: ${named} is abstract, so no value has it as its type`);
    return actual;
  }
}

/** The options for a property's value: the expansions under it, with its name taken off their paths. */
function below(options: CheckOptions, property: string): CheckOptions {
  const prefix = `${property}/`;
  const expanded = (options.expanded ?? []).filter((path) => path.startsWith(prefix)).map((path) => path.slice(prefix.length));
  return { ...options, expanded };
}

/** The OData control information Graph writes has fixed JSON types: counts are integers, the rest strings. */
function annotationProblem(key: string, value: unknown): string | undefined {
  if (!key.startsWith('@odata.') || key === '@odata.type') return undefined; // @odata.type is checked with the value's type
  if (key === '@odata.count')
    return Number.isInteger(value) && (value as number) >= 0 ? undefined : `expected a non-negative integer, got ${describeJson(value)}`;
  return typeof value === 'string' ? undefined : `expected a string, got ${describeJson(value)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
