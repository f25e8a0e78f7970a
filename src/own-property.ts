// Copying JSON objects key by key without losing a `__proto__` key (JSON.parse makes it an own property).

/**
 * Sets `key` on `target` as an own, enumerable, writable property, the way `JSON.parse` and
 * `Object.fromEntries` do. Plain assignment would do the same for every key except `__proto__`,
 * where it sets the prototype instead and the key is lost (or ignored, for a non-object value).
 * Other keys take the fast assignment path, so copying an ordinary body costs nothing extra.
 */
export function setOwnProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
