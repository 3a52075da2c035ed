/**
 * Resumable uploads in chunks (POST /api/uploads, PUT /api/uploads/:id?offset=N, POST …/complete).
 * The server says how big a chunk may be; the client sends one after another from the offset the
 * server has. After a network failure it asks the server where it stands (GET /api/uploads/:id) and
 * goes on from there, a few times with a growing pause, so a dropped connection costs one chunk,
 * not the file. The transport is passed in, so the loop is tested without a network.
 */

/** What the server says of an upload in progress (contracts/applicants.ts `upload`). */
export interface UploadState {
  id: string;
  fileName: string;
  sizeBytes: number;
  receivedBytes: number;
  chunkBytes: number;
  expiresAt: string;
}

/** The part of a File the loop needs (a Blob slice per chunk). */
export interface SliceableFile {
  name: string;
  size: number;
  slice(start: number, end: number): Blob;
}

/** How a failed request should be treated. */
export type FailureKind =
  /** the connection dropped or the server failed (5xx, timeout): ask where it stands and go on */
  | { kind: 'transient' }
  /** the server has a different offset (409 offset_mismatch): continue from there at once */
  | { kind: 'offset'; receivedBytes: number }
  /** a refusal (type, size, expiry): stop and show it */
  | { kind: 'fatal' };

export interface UploadTransport<A> {
  create(file: SliceableFile): Promise<UploadState>;
  put(id: string, offset: number, bytes: Blob): Promise<UploadState>;
  status(id: string): Promise<UploadState>;
  complete(id: string): Promise<A>;
  /** How to treat an error thrown by any of the above. */
  classify(error: unknown): FailureKind;
  /** Waits (between retries); a test passes one that does not. */
  sleep(ms: number): Promise<void>;
}

export interface UploadProgress {
  sentBytes: number;
  sizeBytes: number;
  /** 0–100, whole numbers. */
  percent: number;
  /** Retrying after a failure (1, 2, …), 0 while all is well. */
  retry: number;
}

/** The next chunk to send, or null when the server has everything. */
export function nextRange(sizeBytes: number, receivedBytes: number, chunkBytes: number): { start: number; end: number } | null {
  if (receivedBytes >= sizeBytes) return null;
  const start = Math.max(0, receivedBytes);
  return { start, end: Math.min(sizeBytes, start + Math.max(1, chunkBytes)) };
}

/** The pause before retry number `attempt` (1-based): 1 s, 2 s, 4 s, … at most 15 s. */
export function retryDelay(attempt: number): number {
  return Math.min(15_000, 1_000 * 2 ** Math.max(0, attempt - 1));
}

export const MAX_RETRIES = 5;

export function percentOf(sent: number, size: number): number {
  if (size <= 0) return 100;
  return Math.min(100, Math.floor((sent / size) * 100));
}

/**
 * Sends the file and completes the upload; resolves to what `complete` returns (the attachment).
 * Throws the last error when the server refuses, or when it cannot be reached after MAX_RETRIES.
 */
export async function runUpload<A>(
  file: SliceableFile,
  transport: UploadTransport<A>,
  onProgress: (progress: UploadProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<A> {
  let state = await withRetries(() => transport.create(file), transport, null, onProgress, file.size, signal);
  let retries = 0;
  onProgress({ sentBytes: state.receivedBytes, sizeBytes: state.sizeBytes, percent: percentOf(state.receivedBytes, state.sizeBytes), retry: 0 });
  for (;;) {
    signal?.throwIfAborted();
    const range = nextRange(state.sizeBytes, state.receivedBytes, state.chunkBytes);
    if (!range) break;
    try {
      state = await transport.put(state.id, range.start, file.slice(range.start, range.end));
      retries = 0;
      onProgress({ sentBytes: state.receivedBytes, sizeBytes: state.sizeBytes, percent: percentOf(state.receivedBytes, state.sizeBytes), retry: 0 });
    } catch (error) {
      if (signal?.aborted) throw error;
      const failure = transport.classify(error);
      if (failure.kind === 'fatal') throw error;
      if (failure.kind === 'offset') {
        state = { ...state, receivedBytes: failure.receivedBytes };
        continue;
      }
      retries += 1;
      if (retries > MAX_RETRIES) throw error;
      onProgress({ sentBytes: state.receivedBytes, sizeBytes: state.sizeBytes, percent: percentOf(state.receivedBytes, state.sizeBytes), retry: retries });
      await transport.sleep(retryDelay(retries));
      // Where does the server stand? (The chunk may have arrived before the connection dropped.)
      const id = state.id;
      state = await withRetries(() => transport.status(id), transport, state, onProgress, state.sizeBytes, signal);
    }
  }
  return withRetries(() => transport.complete(state.id), transport, state, onProgress, state.sizeBytes, signal);
}

/** One request, retried on transient failures with the same pauses. */
async function withRetries<T>(
  request: () => Promise<T>,
  transport: UploadTransport<unknown>,
  state: UploadState | null,
  onProgress: (progress: UploadProgress) => void,
  sizeBytes: number,
  signal: AbortSignal | undefined,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    signal?.throwIfAborted();
    try {
      return await request();
    } catch (error) {
      if (signal?.aborted || transport.classify(error).kind !== 'transient' || attempt > MAX_RETRIES) throw error;
      const sent = state?.receivedBytes ?? 0;
      onProgress({ sentBytes: sent, sizeBytes, percent: percentOf(sent, sizeBytes), retry: attempt });
      await transport.sleep(retryDelay(attempt));
    }
  }
}

/** "1.2 MB", "850 KB", "312 B". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${trim(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MB`;
  return `${trim(bytes / (1024 * 1024 * 1024))} GB`;
}
const trim = (n: number) => (n >= 100 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, ''));

/** The extensions a requirement's kinds accept, for the file picker (`accept`). The server checks the content. */
export function acceptFor(kinds: readonly string[]): string {
  const extensions: Record<string, string[]> = {
    pdf: ['.pdf'],
    docx: ['.docx'],
    doc: ['.doc'],
    xlsx: ['.xlsx'],
    xls: ['.xls'],
    jpg: ['.jpg', '.jpeg'],
    png: ['.png'],
    zip: ['.zip'],
  };
  return kinds.flatMap((k) => extensions[k] ?? [`.${k}`]).join(',');
}
