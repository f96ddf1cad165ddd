/**
 * How far apart a send rate's sends are, in whole microseconds (what the database keeps), rounded up: rounding
 * down would let a second hold one send too many. The rate must be a whole number of sends a second, at least 1.
 */
export function sendSpacingMicros(perSecond: number): number {
  if (!Number.isInteger(perSecond) || perSecond < 1)
    throw new Error(`The send rate must be a whole number of sends per second, at least 1 (got ${perSecond}).`);
  return Math.ceil(1_000_000 / perSecond);
}
