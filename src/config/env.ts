/**
 * The environment, parsed once into a typed object. Anything wrong stops the process at start with
 * the variable's name, rather than failing later in a request.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  /** PostgreSQL server; when unset the embedded database (PGlite) in DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Data folder: the embedded database, uploaded files, the process lock. */
  DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Set when the platform is reached over HTTPS (directly or behind a TLS proxy): cookies get `Secure`. */
  SECURE_COOKIES: bool.default(false),
  /** Trust X-Forwarded-For for the client's IP (only behind your own proxy). */
  TRUST_PROXY: bool.default(false),
  /** Public base URL, used in e-mails (password reset links). */
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  /** SMTP for outgoing mail, e.g. smtp://user:pass@mail.example.gov.cn:587; unset: mails stay in the outbox table. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('工业互联网项目管理平台 <noreply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Days before a staff password must be changed (0 = never). */
  STAFF_PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(90),
  /** Days before an applicant password must be changed (0 = never). */
  APPLICANT_PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(0),
  /** Per-role overrides of the password age in days, e.g. "expert=180,auditor=60,applicant=365". */
  PASSWORD_MAX_AGE_DAYS_BY_ROLE: z
    .string()
    .regex(/^(\s*[a-z_]+=\d+\s*)(,\s*[a-z_]+=\d+\s*)*$/, 'expected role=days pairs separated by commas')
    .optional(),
  /** S3-compatible object storage for attachments (all four set), else the data folder. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Largest chunk of a resumable upload, in bytes. */
  UPLOAD_CHUNK_BYTES: z.coerce.number().int().min(64 * 1024).max(16 * 1024 * 1024).default(1024 * 1024),
  /** Largest total of the attachments of one application, in MB. */
  MAX_APPLICATION_MB: z.coerce.number().int().min(1).max(10_000).default(200),
  /** How often the progress-report reminder job runs (reminders before the due date, overdue notices, expired rectifications). */
  REMINDERS_EVERY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Seed one demo account per role on an empty database. */
  SEED_DEMO: bool.default(true),
  /**
   * On the first start on an empty database (with SEED_DEMO), fill every program with the generated demo
   * population (src/use-cases/demo): `full`, or `none` for an empty platform with the demo accounts only.
   */
  DEMO_POPULATION: z.enum(['full', 'none']).default('full'),
  /**
   * For drills and browser tests only: a file holding milliseconds to add to the server's clock, so a
   * test can let a notice period pass. Never set in production (the server warns at start when it is).
   */
  CLOCK_OFFSET_FILE: z.string().optional(),
});

export type Env = z.infer<typeof schema> & { dataDir: string };

const ROLE_NAMES = ['applicant', 'city_officer', 'province_officer', 'task_force_reviewer', 'expert', 'finance_officer', 'auditor', 'administrator'];

/** "expert=180,auditor=60" → { expert: 180, auditor: 60 }; an unknown role stops the start. */
export function parseRoleDays(value: string | undefined): Record<string, number> {
  if (!value) return {};
  const out: Record<string, number> = {};
  for (const pair of value.split(',')) {
    const [role, days] = pair.split('=').map((x) => x.trim());
    if (!ROLE_NAMES.includes(role!)) throw new Error(`配置有误 / invalid configuration:\n  PASSWORD_MAX_AGE_DAYS_BY_ROLE: unknown role "${role}"`);
    out[role!] = Number(days);
  }
  return out;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置有误 / invalid configuration:\n${lines.join('\n')}`);
  }
  parseRoleDays(parsed.data.PASSWORD_MAX_AGE_DAYS_BY_ROLE);
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
