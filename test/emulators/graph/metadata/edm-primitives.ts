/**
 * Whether a JSON value is a valid OData JSON (4.01) representation of an Edm primitive type, as Graph writes them:
 * numbers as JSON numbers (Graph does not use IEEE754Compatible strings), dates and times as ISO 8601 strings.
 * Returns a reason when it is not, undefined when it is.
 */
export function primitiveProblem(type: string, value: unknown): string | undefined {
  const check = CHECKS[type];
  if (!check) return `${type} is not a primitive type the checker knows`;
  return check(value);
}

type Check = (value: unknown) => string | undefined;

const string =
  (describe: string, valid: (text: string) => boolean): Check =>
  (value) => {
    if (typeof value !== 'string') return `expected ${describe} as a JSON string, got ${describeJson(value)}`;
    return valid(value) ? undefined : `expected ${describe}, got ${JSON.stringify(value)}`;
  };

const integer =
  (min: number, max: number): Check =>
  (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? undefined
      : `expected an integer in [${min}, ${max}], got ${describeJson(value)}`;

const floating: Check = (value) =>
  typeof value === 'number' || value === 'NaN' || value === 'INF' || value === '-INF'
    ? undefined
    : `expected a number, got ${describeJson(value)}`;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,12})?)?$/;
const DATE_TIME_OFFSET = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,12})?)?)(Z|[+-](\d{2}):(\d{2}))$/;
const DURATION = /^-?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BINARY = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;

function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isTime(text: string): boolean {
  const match = TIME.exec(text);
  if (!match) return false;
  return Number(match[1]) < 24 && Number(match[2]) < 60 && Number(match[3] ?? 0) < 60;
}

function isDateTimeOffset(text: string): boolean {
  const match = DATE_TIME_OFFSET.exec(text);
  if (!match) return false;
  const [, date, time, , offsetHours, offsetMinutes] = match;
  if (offsetHours !== undefined && (Number(offsetHours) > 14 || Number(offsetMinutes) > 59)) return false;
  return isDate(date as string) && isTime(time as string);
}

function isDuration(text: string): boolean {
  const match = DURATION.exec(text);
  return match !== null && match.slice(1).some((part) => part !== undefined) && !text.endsWith('T');
}

const CHECKS: Readonly<Record<string, Check>> = {
  'Edm.String': (value) => (typeof value === 'string' ? undefined : `expected a string, got ${describeJson(value)}`),
  'Edm.Boolean': (value) => (typeof value === 'boolean' ? undefined : `expected true or false, got ${describeJson(value)}`),
  'Edm.Byte': integer(0, 255),
  'Edm.SByte': integer(-128, 127),
  'Edm.Int16': integer(-32768, 32767),
  'Edm.Int32': integer(-2147483648, 2147483647),
  'Edm.Int64': integer(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  'Edm.Single': floating,
  'Edm.Double': floating,
  'Edm.Decimal': (value) => (typeof value === 'number' ? undefined : `expected a number, got ${describeJson(value)}`),
  'Edm.DateTimeOffset': string('an ISO 8601 date-time with Z or an offset (Edm.DateTimeOffset)', isDateTimeOffset),
  'Edm.Date': string('an ISO 8601 date YYYY-MM-DD (Edm.Date)', isDate),
  'Edm.TimeOfDay': string('a time of day hh:mm:ss[.fffffff] (Edm.TimeOfDay)', isTime),
  'Edm.Duration': string('an ISO 8601 duration such as PT1H30M (Edm.Duration)', isDuration),
  'Edm.Guid': string('a GUID 8-4-4-4-12 (Edm.Guid)', (text) => GUID.test(text)),
  'Edm.Binary': string('base64 (Edm.Binary)', (text) => BINARY.test(text)),
  'Edm.Stream': (value) => `a stream is not sent inline in JSON, got ${describeJson(value)}`,
  'Edm.Untyped': () => undefined,
};

export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
