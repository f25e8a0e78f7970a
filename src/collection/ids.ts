// Deterministic ids for generated files: the same input always gives the same id, unlike uuid v4.
import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id (version 4 and RFC 4122 variant bits set, so Postman accepts it) derived from
 * `seed`: re-generating a collection keeps its id, and Postman re-imports it as the same one.
 */
export function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
