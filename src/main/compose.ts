/** Wires the adapters into the use cases' dependencies. The only module that knows every layer. */
import pino from 'pino';
import { parseRoleDays, type Env } from '../config/env.ts';
import { makeAuditTrail } from '../adapters/postgres/audit-trail.ts';
import type { DatabaseHandle } from '../adapters/postgres/database.ts';
import { makeUnitOfWork } from '../adapters/postgres/repositories.ts';
import { argon2Hasher, tokens, totpService } from '../adapters/security/security.ts';
import type { Clock, Deps } from '../use-cases/ports.ts';

export const systemClock: Clock = { now: () => new Date() };

export function makeDeps(handle: DatabaseHandle, env: Pick<Env, 'STAFF_PASSWORD_MAX_AGE_DAYS' | 'APPLICANT_PASSWORD_MAX_AGE_DAYS' | 'PUBLIC_URL'> & Partial<Pick<Env, 'PASSWORD_MAX_AGE_DAYS_BY_ROLE'>>, clock: Clock = systemClock): Deps {
  return {
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
    },
  };
}

export function makeLogger(level: string) {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
