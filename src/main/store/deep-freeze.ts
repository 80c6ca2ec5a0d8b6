/**
 * Freezes a value and everything in it. The store hands the same parsed
 * value to every reader (see DraftRepository and the settings repository),
 * so a reader that tried to change one in place would change it for all:
 * frozen, the attempt throws instead.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value as Record<string, unknown>)) deepFreeze(member);
  }
  return value;
}
