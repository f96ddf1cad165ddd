import { badRequest, unsupportedQuery } from './graph-error';
import type { FilterExpression, Literal } from './odata-filter';

export type FilterOperator = 'eq' | 'ne' | 'in' | 'startswith' | 'endswith' | 'any';

/** What one resource allows on one property, in Graph's terms ("Supports $filter (eq, startsWith)"). */
export interface FilterField<T> {
  type: 'string' | 'boolean' | 'stringCollection';
  get(item: T): unknown;
  operators: readonly FilterOperator[];
}

export type FilterSchema<T> = Readonly<Record<string, FilterField<T>>>;

export interface FilterResource<T> {
  /** As Graph names it in errors, e.g. 'microsoft.graph.user'. */
  typeName: string;
  schema: FilterSchema<T>;
}

/**
 * Turns a parsed `$filter` into a predicate, refusing (400) every property/operator pair the resource does not
 * declare. String comparisons ignore case, as the directory does.
 */
export function compileFilter<T>(expression: FilterExpression, resource: FilterResource<T>): (item: T) => boolean {
  const fieldOf = (property: string, operator: FilterOperator): FilterField<T> => {
    const key = Object.keys(resource.schema).find((k) => k.toLowerCase() === property.toLowerCase());
    if (!key) {
      if (property.includes('/'))
        throw unsupportedQuery(
          `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource.typeName}'.`,
        );
      throw badRequest(`Could not find a property named '${property}' on type '${resource.typeName}'.`);
    }
    const field = resource.schema[key] as FilterField<T>;
    if (!field.operators.includes(operator)) {
      throw unsupportedQuery(
        `Unsupported or invalid query filter clause specified for property '${key}' of resource '${resource.typeName}': '${operator}' is not supported here.`,
      );
    }
    return field;
  };
  const checkLiteral = (field: FilterField<T>, property: string, value: Literal) => {
    const expected = field.type === 'boolean' ? 'boolean' : 'string';
    if (typeof value !== expected)
      throw badRequest(`Invalid filter clause: '${property}' needs a ${expected} value, got ${JSON.stringify(value)}.`);
  };

  const build = (e: FilterExpression): ((item: T) => boolean) => {
    switch (e.kind) {
      case 'and': {
        const l = build(e.left);
        const r = build(e.right);
        return (item) => l(item) && r(item);
      }
      case 'or': {
        const l = build(e.left);
        const r = build(e.right);
        return (item) => l(item) || r(item);
      }
      case 'not':
        throw unsupportedQuery("The 'not' operator is only supported as an advanced query; the emulator does not serve it.");
      case 'compare': {
        if (e.op !== 'eq' && e.op !== 'ne')
          throw unsupportedQuery(
            `Unsupported or invalid query filter clause: operator '${e.op}' on '${e.property}' of resource '${resource.typeName}'.`,
          );
        const field = fieldOf(e.property, e.op);
        if (field.type === 'stringCollection')
          throw unsupportedQuery(`'${e.property}' is a collection: use ${e.property}/any(x: x eq '…').`);
        checkLiteral(field, e.property, e.value);
        const wanted = normalise(e.value);
        const positive = (item: T) => normalise(field.get(item)) === wanted;
        return e.op === 'eq' ? positive : (item) => !positive(item);
      }
      case 'in': {
        const field = fieldOf(e.property, 'in');
        for (const v of e.values) checkLiteral(field, e.property, v);
        const wanted = new Set(e.values.map(normalise));
        return (item) => wanted.has(normalise(field.get(item)));
      }
      case 'startswith':
      case 'endswith': {
        const field = fieldOf(e.property, e.kind);
        if (field.type !== 'string') throw unsupportedQuery(`${e.kind} needs a string property; '${e.property}' is not one.`);
        const prefix = e.value.toLowerCase();
        return e.kind === 'startswith'
          ? (item) =>
              String(field.get(item) ?? '')
                .toLowerCase()
                .startsWith(prefix)
          : (item) =>
              String(field.get(item) ?? '')
                .toLowerCase()
                .endsWith(prefix);
      }
      case 'any': {
        const field = fieldOf(e.property, 'any');
        if (field.type !== 'stringCollection') throw unsupportedQuery(`'${e.property}' is not a collection.`);
        if (e.op !== 'eq') throw unsupportedQuery(`Only 'eq' is supported inside ${e.property}/any(…).`);
        if (typeof e.value !== 'string') throw badRequest(`Invalid filter clause: ${e.property}/any(…) needs a string value.`);
        const wanted = e.value.toLowerCase();
        return (item) => ((field.get(item) as readonly string[] | undefined) ?? []).some((v) => v.toLowerCase() === wanted);
      }
    }
  };
  return build(expression);
}

function normalise(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}
