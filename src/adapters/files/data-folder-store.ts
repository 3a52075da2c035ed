/**
 * Attachment content in a folder of the local disk (by default `<DATA_DIR>/files`).
 *
 * Key `applications/42/a1` is the file `applications/42/a1.bin`: the suffix keeps an object and a
 * folder of the same name apart (`a` and `a/b` may both be keys, as on S3), and since keys cannot
 * contain dots no key can reach a name the store uses for itself. A write goes to a temporary file
 * beside its target (`.a1.<uuid>.tmp`), is flushed to disk, then renamed over the target, so a failed
 * or interrupted write never leaves a partial object under its key: readers see the old content or
 * the new, whole. A hard crash (power loss, SIGKILL) mid-write can leave a `.*.tmp` file, never a
 * visible object; such files are safe to delete.
 */
import { randomUUID } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FileStore } from '../../use-cases/ports.ts';
import { FileNotFoundError } from './errors.ts';
import { assertValidKey, assertValidSize, exactly } from './validation.ts';

const OBJECT_SUFFIX = '.bin';

export class DataFolderStore implements FileStore {
  readonly root: string;

  /** `root` is made absolute; it and the folders below it are created on the first write. */
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  describe(): string {
    return `data folder ${this.root}`;
  }

  async put(key: string, chunks: AsyncIterable<Uint8Array>, sizeBytes: number): Promise<void> {
    const target = this.pathOf(key);
    assertValidSize(key, sizeBytes);
    const dir = path.dirname(target);
    await mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(target, OBJECT_SUFFIX)}.${randomUUID()}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    let closed = false;
    try {
      for await (const chunk of exactly(key, chunks, sizeBytes)) await writeAll(handle, chunk);
      await handle.sync();
      closed = true;
      await handle.close();
      await rename(temp, target);
    } catch (error) {
      if (!closed) await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncFolder(dir);
  }

  async open(key: string): Promise<{ stream: ReadableStream<Uint8Array>; sizeBytes: number }> {
    const file = this.pathOf(key);
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      if (isCode(error, 'ENOENT')) throw new FileNotFoundError(key, { cause: error });
      throw error;
    }
    try {
      // Size and content from the same open file: a concurrent overwrite renames a new file in and
      // does not change this one.
      const { size } = await handle.stat();
      // The stream closes the handle when it ends, fails or is cancelled.
      const stream = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
      return { stream, sizeBytes: size };
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  /** Removes the object; nothing happens when there is none (as on S3). Empty folders are left. */
  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
    }
  }

  /** The object's file: only ever below `root`, by the key rule. */
  private pathOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split('/')) + OBJECT_SUFFIX;
  }
}

/** `FileHandle.write` may write less than asked; loop until the chunk is on its way. */
async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/**
 * Makes the rename itself durable (POSIX: the new directory entry is flushed with the folder).
 * Windows cannot open a folder for fsync, and there the rename is already journaled; best effort.
 */
async function syncFolder(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported on this platform or file system.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
