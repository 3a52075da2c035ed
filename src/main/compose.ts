/** Wires the adapters into the use cases' dependencies. The only module that knows every layer. */
import fs from 'node:fs';
import pino from 'pino';
import { parseRoleDays, type Env } from '../config/env.ts';
import { makeAuditTrail } from '../adapters/postgres/audit-trail.ts';
import type { DatabaseHandle } from '../adapters/postgres/database.ts';
import { makeUnitOfWork } from '../adapters/postgres/repositories.ts';
import { argon2Hasher, tokens, totpService } from '../adapters/security/security.ts';
import type { Clock, Deps, DocumentRenderer } from '../use-cases/ports.ts';
import { renderApplicationDocx } from '../adapters/documents/application-docx.ts';
import { convertToPdf, PdfUnavailableError } from '../adapters/documents/pdf.ts';
import { contentSniffer, makeFileStore } from '../adapters/files/index.ts';
import { DomainError } from '../core/errors.ts';

export const systemClock: Clock = { now: () => new Date() };

/**
 * The system clock moved by the number of milliseconds in `file` (read at every call; a missing or
 * unreadable file counts as 0). For browser tests that let days pass on a running server.
 */
export function offsetClock(file: string): Clock {
  return {
    now: () => {
      let offset = 0;
      try {
        offset = Number(fs.readFileSync(file, 'utf8').trim()) || 0;
      } catch {
        offset = 0;
      }
      return new Date(Date.now() + offset);
    },
  };
}

type DepsEnv = Pick<Env, 'STAFF_PASSWORD_MAX_AGE_DAYS' | 'APPLICANT_PASSWORD_MAX_AGE_DAYS' | 'PUBLIC_URL' | 'dataDir'> &
  Partial<Pick<Env, 'PASSWORD_MAX_AGE_DAYS_BY_ROLE' | 'S3_ENDPOINT' | 'S3_BUCKET' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'UPLOAD_CHUNK_BYTES' | 'MAX_APPLICATION_MB'>>;

/** The S3 settings when all of them are given (loadEnv checks they come together). */
export function s3Config(env: Partial<Pick<Env, 'S3_ENDPOINT' | 'S3_BUCKET' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY'>>) {
  if (!env.S3_ENDPOINT || !env.S3_BUCKET || !env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) return undefined;
  return { endpoint: env.S3_ENDPOINT, bucket: env.S3_BUCKET, region: env.S3_REGION ?? 'us-east-1', accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY };
}

/** Documents: .docx by the docx package, PDF by LibreOffice when the machine has it. */
export const documentRenderer: DocumentRenderer = {
  applicationDocx: (input) => renderApplicationDocx(input),
  async toPdf(docx) {
    try {
      return await convertToPdf(docx);
    } catch (err) {
      if (err instanceof PdfUnavailableError) throw new DomainError('unavailable', 'pdf_unavailable', err.messages);
      throw err;
    }
  },
};

export function makeDeps(handle: DatabaseHandle, env: DepsEnv, clock: Clock = systemClock): Deps {
  return {
    files: makeFileStore({ dataDir: env.dataDir, s3: s3Config(env) }),
    sniffer: contentSniffer,
    documents: documentRenderer,
    uow: makeUnitOfWork(handle.db),
    clock,
    passwords: argon2Hasher,
    totp: totpService,
    auditTrail: makeAuditTrail(handle.db),
    tokens,
    settings: {
      passwordAge: {
        staffMaxAgeDays: env.STAFF_PASSWORD_MAX_AGE_DAYS,
        applicantMaxAgeDays: env.APPLICANT_PASSWORD_MAX_AGE_DAYS,
        byRole: parseRoleDays(env.PASSWORD_MAX_AGE_DAYS_BY_ROLE),
      },
      publicUrl: env.PUBLIC_URL,
      uploads: { chunkBytes: env.UPLOAD_CHUNK_BYTES ?? 1024 * 1024, maxApplicationBytes: (env.MAX_APPLICATION_MB ?? 200) * 1024 * 1024, ttlHours: 48 },
    },
  };
}

export function makeLogger(level: string) {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
