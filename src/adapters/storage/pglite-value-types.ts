import type { PGliteOptions } from '@electric-sql/pglite';

const BYTEA = 17;
const JSON_OID = 114;
const JSONB = 3802;
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';

function serializeDate(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === Infinity) return 'infinity';
  if (value === -Infinity) return '-infinity';
  if (typeof value === 'number') return new Date(value).toISOString();
  if (isDate(value)) return value.toISOString();
  throw new Error('Invalid input for date type');
}

function serializeBytes(value: unknown): string {
  if (!ArrayBuffer.isView(value)) throw new Error('Invalid input for bytea type');
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}

const parseDate = (text: string): Date | number => (text === 'infinity' ? Infinity : text === '-infinity' ? -Infinity : new Date(text));

/**
 * PGlite may be loaded by Node's own loader (see load-pglite) while the caller lives in another JavaScript
 * realm (jest's sandbox). Its built-in converters test `instanceof Date` / `instanceof Uint8Array` and build
 * results with their own realm's Date and JSON, which breaks across realms. These converters behave like
 * PGlite's (same formats) but recognise values from any realm and build results in this module's realm.
 */
export const pgliteValueTypes: Pick<PGliteOptions, 'parsers' | 'serializers'> = {
  serializers: {
    [DATE]: serializeDate,
    [TIMESTAMP]: serializeDate,
    [TIMESTAMPTZ]: serializeDate,
    [BYTEA]: serializeBytes,
  },
  parsers: {
    [DATE]: parseDate,
    [TIMESTAMP]: parseDate,
    [TIMESTAMPTZ]: parseDate,
    [BYTEA]: (text: string) => new Uint8Array(Buffer.from(text.slice(2), 'hex')),
    [JSON_OID]: (text: string) => JSON.parse(text) as unknown,
    [JSONB]: (text: string) => JSON.parse(text) as unknown,
  },
};
