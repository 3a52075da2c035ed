/** Checks shared by the file stores: keys, announced sizes, and content that must match its size. */
import { FileSizeMismatchError, InvalidFileKeyError } from './errors.ts';

export const MAX_KEY_LENGTH = 512;
/** Per segment: a segment plus the store's temporary-file decoration stays under 255 bytes, every file system's name limit. */
export const MAX_KEY_SEGMENT_LENGTH = 200;
const KEY = /^[a-z0-9][a-z0-9/_-]*$/;

/**
 * Checks a key strictly, so that it maps to a path inside the store and to an S3 key without
 * escaping: lower-case letters, digits, `_`, `-`, and `/` between non-empty segments (no `.` at all,
 * hence no `..`), at most {@link MAX_KEY_LENGTH} characters and {@link MAX_KEY_SEGMENT_LENGTH} per segment.
 */
export function assertValidKey(key: string): void {
  if (
    typeof key !== 'string' ||
    key.length > MAX_KEY_LENGTH ||
    !KEY.test(key) ||
    key.split('/').some((segment) => segment === '' || segment.length > MAX_KEY_SEGMENT_LENGTH)
  ) {
    throw new InvalidFileKeyError(String(key));
  }
}

/** Checks the announced size of a `put`. */
export function assertValidSize(key: string, sizeBytes: number): void {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0) throw new RangeError(`file ${key}: size must be a non-negative integer, got ${sizeBytes}`);
}

/**
 * The chunks, passed through unchanged, failing with {@link FileSizeMismatchError} as soon as they
 * exceed `sizeBytes`, or at their end when they fall short.
 */
export async function* exactly(key: string, chunks: AsyncIterable<Uint8Array>, sizeBytes: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > sizeBytes) throw new FileSizeMismatchError(key, sizeBytes, total);
    if (chunk.byteLength > 0) yield chunk;
  }
  if (total !== sizeBytes) throw new FileSizeMismatchError(key, sizeBytes, total);
}
