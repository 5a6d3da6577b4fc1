import { createHash } from 'node:crypto';

// A fixed namespace UUID for this project's knowledge chunks (random once, never to change).
const NAMESPACE = Buffer.from('6f1d2c3a9b8e4f7daa215c0e3b9d7e41', 'hex');

/**
 * RFC 4122 version-5 UUID of a chunk id: Qdrant point ids must be integers or UUIDs, and a
 * name-based UUID makes re-upserting the same chunk overwrite its point instead of adding one.
 */
export function pointIdFor(chunkId: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(chunkId).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
