/**
 * Attachment content: where it is stored (the data folder, or S3-compatible storage when configured)
 * and what it really is (by its bytes). The composition root picks the store from the environment.
 */
import path from 'node:path';
import type { ContentSniffer, FileStore } from '../../use-cases/ports.ts';
import { DataFolderStore } from './data-folder-store.ts';
import type { S3Config } from './s3-store.ts';
import { S3Store } from './s3-store.ts';
import { fileTypeSniffer } from './sniff.ts';

export interface FileStoreConfig {
  /** The data folder; content goes to `<dataDir>/files` unless `s3` is given. */
  dataDir: string;
  s3?: S3Config;
}

/** The S3 store when `s3` is configured, otherwise the data-folder store in `<dataDir>/files`. */
export function makeFileStore(config: FileStoreConfig): FileStore {
  return config.s3 ? new S3Store(config.s3) : new DataFolderStore(path.join(config.dataDir, 'files'));
}

/** Sniffs the first bytes of an upload (up to SNIFF_BYTES) with `file-type` (see sniff.ts for OLE files), and inspects zip-based ones (archive.ts). */
export const contentSniffer: ContentSniffer = fileTypeSniffer;

export { DataFolderStore } from './data-folder-store.ts';
export { FileNotFoundError, FileSizeMismatchError, InvalidFileKeyError, ObjectStorageError } from './errors.ts';
export { S3Store } from './s3-store.ts';
export type { S3Config } from './s3-store.ts';
export { KIND_MIME, SNIFF_BYTES, sniffContent } from './sniff.ts';
export { ARCHIVE_LIMITS, bufferSource, inspectArchive } from './archive.ts';
export type { ArchiveLimits, ArchiveProblem, SequentialSource } from './archive.ts';
export type { FileKind, SniffResult } from './sniff.ts';
