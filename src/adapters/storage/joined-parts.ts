/**
 * One object with every method of the parts, each still bound to its own part: a store kept as one class per
 * concern, handed out whole. Two parts may not answer the same name (the second would silently win).
 */
export function joinedParts<T>(...parts: object[]): T {
  const whole: Record<string, unknown> = {};
  for (const part of parts) {
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(part))) {
      const member = (part as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof member !== 'function') continue;
      if (name in whole) throw new Error(`two parts of one store both answer ${name}`);
      whole[name] = member.bind(part);
    }
  }
  return whole as T;
}
