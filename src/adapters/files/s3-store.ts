/**
 * Attachment content on S3-compatible object storage (AWS S3, MinIO, Ceph RGW, 阿里云 OSS and the
 * like), signed with AWS Signature V4 by `aws4fetch` over Node's own `fetch`.
 *
 * URLs are path-style (`<endpoint>/<bucket>/<key>`), which every S3-compatible server accepts,
 * without DNS names per bucket. Uploads stream with a known `Content-Length` and an unsigned payload
 * (`X-Amz-Content-Sha256: UNSIGNED-PAYLOAD`), so content is never held in memory to be hashed; use an
 * `https` endpoint so TLS protects it in transit. A PUT either stores the whole object or nothing:
 * S3 never exposes a partial upload under its key.
 */
import { AwsClient } from 'aws4fetch';
import type { FileStore } from '../../use-cases/ports.ts';
import { FileNotFoundError, ObjectStorageError } from './errors.ts';
import { assertValidKey, assertValidSize, exactly } from './validation.ts';

export interface S3Config {
  /** Base URL of the service, e.g. `https://s3.cn-north-1.amazonaws.com.cn` or `http://minio:9000`. */
  endpoint: string;
  bucket: string;
  /** Signing region, e.g. `cn-north-1`; MinIO and most others accept `us-east-1`. */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Attempts for GET and DELETE on 5xx and 429 (with backoff); a streamed PUT cannot be replayed. */
const READ_RETRIES = 3;

export class S3Store implements FileStore {
  private readonly client: AwsClient;
  private readonly endpoint: string;
  private readonly bucket: string;

  constructor(config: S3Config) {
    let url: URL;
    try {
      url = new URL(config.endpoint);
    } catch {
      throw new TypeError(`S3 endpoint is not a URL: ${JSON.stringify(config.endpoint)}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`S3 endpoint must be http(s): ${config.endpoint}`);
    if (url.username || url.password) throw new TypeError('S3 endpoint must not carry credentials: give accessKeyId and secretAccessKey');
    if (url.search || url.hash) throw new TypeError(`S3 endpoint must not have a query or fragment: ${config.endpoint}`);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(config.bucket)) throw new TypeError(`not an S3 bucket name: ${JSON.stringify(config.bucket)}`);
    if (!config.region) throw new TypeError('S3 region is required (e.g. us-east-1)');
    this.endpoint = url.href.replace(/\/+$/, '');
    this.bucket = config.bucket;
    this.client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      service: 's3',
      region: config.region,
      retries: READ_RETRIES,
    });
  }

  describe(): string {
    return `s3 ${this.endpoint} bucket ${this.bucket}`;
  }

  async put(key: string, chunks: AsyncIterable<Uint8Array>, sizeBytes: number): Promise<void> {
    const url = this.urlOf(key);
    assertValidSize(key, sizeBytes);
    const body = new PullSource(exactly(key, chunks, sizeBytes));
    // Signed, then sent once: aws4fetch's own retry would resend a stream already consumed.
    const request = await this.client.sign(url, {
      method: 'PUT',
      body: body.stream,
      headers: {
        'Content-Length': String(sizeBytes),
        'Content-Type': 'application/octet-stream',
        'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD',
      },
      // Node's fetch needs this for a stream body (not in TypeScript's DOM RequestInit).
      duplex: 'half',
    } as RequestInit);
    let response: Response;
    try {
      response = await fetch(request);
    } catch (error) {
      // The content's own failure (size mismatch, a source that threw) explains it better than fetch's.
      throw body.failure ?? this.unreachable('PUT', key, error);
    } finally {
      await body.close();
    }
    await this.check('PUT', key, response);
    await response.body?.cancel();
  }

  async open(key: string): Promise<{ stream: ReadableStream<Uint8Array>; sizeBytes: number }> {
    const response = await this.fetchChecked('GET', key);
    const length = Number(response.headers.get('content-length'));
    if (!response.body || response.headers.get('content-length') === null || !Number.isSafeInteger(length)) {
      await response.body?.cancel();
      throw new ObjectStorageError(`S3 GET ${key}: the answer has no Content-Length`, response.status, null);
    }
    return { stream: response.body, sizeBytes: length };
  }

  /** Removes the object; S3 answers 204 whether or not it existed. */
  async delete(key: string): Promise<void> {
    const response = await this.fetchChecked('DELETE', key);
    await response.body?.cancel();
  }

  private urlOf(key: string): string {
    assertValidKey(key);
    return `${this.endpoint}/${this.bucket}/${key}`;
  }

  /** GET and DELETE through aws4fetch (which retries 5xx and 429), failures made clear. */
  private async fetchChecked(method: 'GET' | 'DELETE', key: string): Promise<Response> {
    const url = this.urlOf(key);
    let response: Response;
    try {
      response = await this.client.fetch(url, { method });
    } catch (error) {
      throw this.unreachable(method, key, error);
    }
    await this.check(method, key, response);
    return response;
  }

  private unreachable(method: string, key: string, error: unknown): ObjectStorageError {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ObjectStorageError(`S3 ${method} ${key} at ${this.endpoint} failed: ${reason}`, null, null, { cause: error });
  }

  /** Throws for an error status, naming it and S3's error code: FileNotFoundError for a missing key on GET. */
  private async check(method: string, key: string, response: Response): Promise<void> {
    if (response.ok) return;
    const text = await response.text().catch(() => '');
    const s3Code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? null;
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? null;
    if (method === 'GET' && response.status === 404 && s3Code !== 'NoSuchBucket') throw new FileNotFoundError(key);
    const detail = [s3Code, message].filter(Boolean).join(': ');
    throw new ObjectStorageError(
      `S3 ${method} ${key} in bucket ${this.bucket} failed: HTTP ${response.status}${detail ? ` ${detail}` : ''}`,
      response.status,
      s3Code,
    );
  }
}

/**
 * The upload body: a byte stream pulling one chunk at a time from the content (no read-ahead beyond
 * what fetch asks for), remembering the content's own failure.
 */
class PullSource {
  readonly stream: ReadableStream<Uint8Array>;
  failure: unknown = undefined;
  private readonly chunks: AsyncGenerator<Uint8Array>;

  constructor(chunks: AsyncGenerator<Uint8Array>) {
    this.chunks = chunks;
    this.stream = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          let next: IteratorResult<Uint8Array>;
          try {
            next = await chunks.next();
          } catch (error) {
            this.failure = error;
            throw error;
          }
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
        cancel: async () => {
          await this.close();
        },
      },
      { highWaterMark: 0 },
    );
  }

  /** Lets the content's source release what it holds (open files), when the upload ended early. */
  async close(): Promise<void> {
    await this.chunks.return(undefined).catch(() => undefined);
  }
}
