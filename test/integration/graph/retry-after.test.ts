import { headerLookup, retryAfterMs } from '../../../src/adapters/graph/retry-after';
import { backoffDelayMs } from '../../../src/adapters/graph/retry-policy';

describe('retryAfterMs', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');
  const of = (headers: Record<string, string>) => retryAfterMs(headerLookup(headers), now);

  it('prefers the exact millisecond headers, as the Azure SDKs do', () => {
    expect(of({ 'Retry-After': '1', 'retry-after-ms': '37' })).toBe(37);
    expect(of({ 'Retry-After': '1', 'x-ms-retry-after-ms': '250.5' })).toBe(250.5);
  });

  it('reads Retry-After as seconds or as an HTTP-date', () => {
    expect(of({ 'Retry-After': '7' })).toBe(7000);
    expect(of({ 'retry-after': 'Sat, 01 Mar 2025 12:00:30 GMT' })).toBe(30_000);
    expect(of({ 'Retry-After': 'Sat, 01 Mar 2025 11:00:00 GMT' })).toBe(0);
  });

  it('says nothing when the service said nothing useful', () => {
    expect(of({})).toBeUndefined();
    expect(of({ 'Retry-After': 'soon' })).toBeUndefined();
    expect(of({ 'retry-after-ms': '-5', 'Retry-After': '2' })).toBe(2000);
  });
});

describe('backoffDelayMs', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000 };

  it('doubles its ceiling per retry, with jitter between half and all of it, up to the maximum', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(100);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(400);
    expect(backoffDelayMs(10, policy, () => 1)).toBe(1000);
    expect(backoffDelayMs(10, policy, () => 0)).toBe(500);
  });
});
