/**
 * Failures of the file stores. They are infrastructure errors, not domain errors: keys are chosen by
 * the use cases, so a refused key or a missing object is a programming or storage fault, which the
 * HTTP error mapper reports as a generic 500 unless a use case checks for it first.
 */

/** A key outside `^[a-z0-9][a-z0-9/_-]*$`, with an empty segment, or too long (validation.ts). */
export class InvalidFileKeyError extends Error {
  readonly code = 'invalid_file_key';
  readonly key: string;
  constructor(key: string) {
    super(`invalid file key ${JSON.stringify(key.slice(0, 200))}: expected ^[a-z0-9][a-z0-9/_-]*$ with non-empty segments of at most 200 characters, at most 512 in all`);
    this.name = 'InvalidFileKeyError';
    this.key = key;
  }
}

/** `open` on a key that holds no object. */
export class FileNotFoundError extends Error {
  readonly code = 'file_not_found';
  readonly key: string;
  constructor(key: string, options?: { cause?: unknown }) {
    super(`no stored file under key ${key}`, options);
    this.name = 'FileNotFoundError';
    this.key = key;
  }
}

/** The chunks given to `put` did not add up to the announced size; nothing was stored. */
export class FileSizeMismatchError extends Error {
  readonly code = 'file_size_mismatch';
  readonly key: string;
  readonly expected: number;
  /** Bytes seen before the mismatch was noticed (more than `expected`, or all of them when short). */
  readonly actual: number;
  constructor(key: string, expected: number, actual: number) {
    super(`file ${key}: announced ${expected} bytes, the content ${actual > expected ? 'has more' : `ended after ${actual}`}`);
    this.name = 'FileSizeMismatchError';
    this.key = key;
    this.expected = expected;
    this.actual = actual;
  }
}

/** S3-compatible storage answered with an error status (`status`), or could not be reached (`status` null). */
export class ObjectStorageError extends Error {
  readonly code = 'object_storage_error';
  readonly status: number | null;
  /** S3's error code from the XML body, e.g. `AccessDenied`, `NoSuchBucket`; null when there was none. */
  readonly s3Code: string | null;
  constructor(message: string, status: number | null, s3Code: string | null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ObjectStorageError';
    this.status = status;
    this.s3Code = s3Code;
  }
}
