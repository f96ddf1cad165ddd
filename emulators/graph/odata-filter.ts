import { badRequest } from './graph-error';

/**
 * A parser for the slice of OData `$filter` syntax Graph clients send:
 * comparisons (`eq`, `ne`, `gt`, `ge`, `lt`, `le`), `in (…)`, `startswith(p,'x')`, `endswith(p,'x')`,
 * `collection/any(x: x eq 'v')`, `and`, `or`, `not` and parentheses.
 * Parsing is generic; which property accepts which operator is decided per resource by compileFilter, so an
 * unsupported form is refused with 400 instead of being silently ignored.
 */
export type Literal = string | number | boolean | null | DateTimeLiteral;
/** An unquoted OData DateTimeOffset (or Date) literal, e.g. `2026-01-01T00:00:00Z`: not a string, as in OData. */
export interface DateTimeLiteral {
  kind: 'dateTimeOffset';
  text: string;
  epochMs: number;
}
export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterExpression =
  | { kind: 'and' | 'or'; left: FilterExpression; right: FilterExpression }
  | { kind: 'not'; operand: FilterExpression }
  | { kind: 'compare'; op: ComparisonOperator; property: string; value: Literal }
  | { kind: 'in'; property: string; values: Literal[] }
  | { kind: 'startswith' | 'endswith'; property: string; value: string }
  | { kind: 'any'; property: string; op: ComparisonOperator; value: Literal };

type Token =
  | { type: 'punct'; value: '(' | ')' | ',' | ':' | '/' }
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'dateTime'; value: string }
  | { type: 'word'; value: string };

const COMPARISONS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

/** OData Date / DateTimeOffset literals: a date alone, or a date, a time and a zone. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))?(?![\w:.-])/;

export function parseFilter(text: string): FilterExpression {
  const parser = new FilterParser(tokenize(text), text);
  const expression = parser.parseOr();
  parser.expectEnd();
  return expression;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if ('(),:/'.includes(c)) {
      tokens.push({ type: 'punct', value: c as '(' | ')' | ',' | ':' | '/' });
      i++;
    } else if (c === "'") {
      // OData escapes a quote inside a string literal by doubling it.
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw invalid(text, 'unterminated string literal');
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ type: 'string', value });
    } else if (DATE_TIME.test(text.slice(i))) {
      const match = DATE_TIME.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'dateTime', value: match[0] });
      i += match[0].length;
    } else if (/[-0-9]/.test(c)) {
      const match = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      if (!match) throw invalid(text, `unexpected '${c}'`);
      tokens.push({ type: 'number', value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_$@]/.test(c)) {
      const match = /^[A-Za-z_$@][A-Za-z0-9_.$@]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'word', value: match[0] });
      i += match[0].length;
    } else {
      throw invalid(text, `unexpected '${c}'`);
    }
  }
  return tokens;
}

class FilterParser {
  private pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  parseOr(): FilterExpression {
    let left = this.parseAnd();
    while (this.peekWord('or')) {
      this.pos++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  expectEnd(): void {
    if (this.pos < this.tokens.length) throw invalid(this.text, `unexpected '${describe(this.tokens[this.pos] as Token)}'`);
  }

  private parseAnd(): FilterExpression {
    let left = this.parseUnary();
    while (this.peekWord('and')) {
      this.pos++;
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpression {
    if (this.peekWord('not')) {
      this.pos++;
      return { kind: 'not', operand: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FilterExpression {
    if (this.peekPunct('(')) {
      this.pos++;
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }
    const word = this.expectWord();
    const lower = word.toLowerCase();
    if ((lower === 'startswith' || lower === 'endswith') && this.peekPunct('(')) {
      this.pos++;
      const property = this.parsePath();
      this.expectPunct(',');
      const value = this.parseLiteral();
      this.expectPunct(')');
      if (typeof value !== 'string') throw invalid(this.text, `${lower} needs a string literal`);
      return { kind: lower, property, value };
    }
    const property = this.parsePathFrom(word);
    const lambda = /^(.*)\/(any|all)$/i.exec(property);
    if (lambda && this.peekPunct('(')) {
      if ((lambda[2] as string).toLowerCase() === 'all') throw invalid(this.text, "the 'all' lambda operator is not supported");
      this.pos++;
      const variable = this.expectWord();
      this.expectPunct(':');
      const ref = this.expectWord();
      if (ref !== variable) throw invalid(this.text, `lambda body must compare '${variable}'`);
      const op = this.expectWord().toLowerCase();
      if (!COMPARISONS.has(op)) throw invalid(this.text, `unsupported operator '${op}' in lambda`);
      const value = this.parseLiteral();
      this.expectPunct(')');
      return { kind: 'any', property: lambda[1] as string, op: op as ComparisonOperator, value };
    }
    const op = this.expectWord().toLowerCase();
    if (op === 'in') {
      this.expectPunct('(');
      const values: Literal[] = [this.parseLiteral()];
      while (this.peekPunct(',')) {
        this.pos++;
        values.push(this.parseLiteral());
      }
      this.expectPunct(')');
      return { kind: 'in', property, values };
    }
    if (!COMPARISONS.has(op)) throw invalid(this.text, `unsupported operator '${op}'`);
    return { kind: 'compare', op: op as ComparisonOperator, property, value: this.parseLiteral() };
  }

  /** Property paths such as `teamsApp/id`; the lambda form `methodsRegistered/any` comes through here too. */
  private parsePath(): string {
    return this.parsePathFrom(this.expectWord());
  }

  private parsePathFrom(first: string): string {
    let path = first;
    while (this.peekPunct('/')) {
      this.pos++;
      path += '/' + this.expectWord();
    }
    return path;
  }

  private parseLiteral(): Literal {
    const token = this.tokens[this.pos++];
    if (!token) throw invalid(this.text, 'a value is missing');
    if (token.type === 'string' || token.type === 'number') return token.value;
    if (token.type === 'dateTime') {
      const epochMs = Date.parse(token.value.length === 10 ? `${token.value}T00:00:00Z` : token.value);
      if (Number.isNaN(epochMs)) throw invalid(this.text, `'${token.value}' is not a valid date and time`);
      return { kind: 'dateTimeOffset', text: token.value, epochMs };
    }
    if (token.type === 'word') {
      const lower = token.value.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (lower === 'null') return null;
    }
    throw invalid(this.text, `expected a value, found '${describe(token)}'`);
  }

  private expectWord(): string {
    const token = this.tokens[this.pos++];
    if (!token || token.type !== 'word') throw invalid(this.text, token ? `unexpected '${describe(token)}'` : 'unexpected end');
    return token.value;
  }

  private expectPunct(value: string): void {
    const token = this.tokens[this.pos++];
    if (!token || token.type !== 'punct' || token.value !== value) throw invalid(this.text, `expected '${value}'`);
  }

  private peekWord(value: string): boolean {
    const token = this.tokens[this.pos];
    return token?.type === 'word' && token.value.toLowerCase() === value;
  }

  private peekPunct(value: string): boolean {
    const token = this.tokens[this.pos];
    return token?.type === 'punct' && token.value === value;
  }
}

function describe(token: Token): string {
  return token.type === 'string' ? `'${token.value}'` : String(token.value);
}

function invalid(text: string, reason: string) {
  return badRequest(`Invalid filter clause: ${reason} in '${text}'.`);
}
