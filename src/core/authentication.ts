/**
 * The rules of signing in, as pure functions of the account's state and the time: lockout after
 * repeated failures, session expiry, password age, and which step a session is at.
 */
import { isStaff, type Role } from './roles.ts';

/** 等保 三级 8.1.4.1 b: lock after a limited number of failures. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 30;
/** Failed attempts from one IP address in the window before further attempts are refused. */
export const MAX_FAILED_PER_IP = 20;
export const IP_WINDOW_MINUTES = 15;
export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 12;
export const PASSWORD_RESET_MINUTES = 30;

const MINUTE = 60_000;

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** After a wrong password: the new failure count, and the lock if the limit is reached. */
export function afterFailedLogin(failedLogins: number, now: Date): { failedLogins: number; lockedUntil: Date | null } {
  const count = failedLogins + 1;
  if (count >= MAX_FAILED_LOGINS) return { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * MINUTE) };
  return { failedLogins: count, lockedUntil: null };
}

export function sessionExpiries(createdAt: Date, now: Date): { idleExpiresAt: Date; absoluteExpiresAt: Date } {
  const absolute = new Date(createdAt.getTime() + SESSION_ABSOLUTE_HOURS * 60 * MINUTE);
  const idle = new Date(Math.min(now.getTime() + SESSION_IDLE_MINUTES * MINUTE, absolute.getTime()));
  return { idleExpiresAt: idle, absoluteExpiresAt: absolute };
}

export function sessionExpired(s: { idleExpiresAt: Date; absoluteExpiresAt: Date }, now: Date): boolean {
  return now.getTime() >= s.idleExpiresAt.getTime() || now.getTime() >= s.absoluteExpiresAt.getTime();
}

export interface PasswordAgePolicy {
  staffMaxAgeDays: number;
  applicantMaxAgeDays: number;
  /** Per-role overrides of the two defaults above (0 = never). */
  byRole?: Partial<Record<Role, number>>;
}

export function passwordExpiresAt(role: Role, changedAt: Date, policy: PasswordAgePolicy): Date | null {
  const days = policy.byRole?.[role] ?? (isStaff(role) ? policy.staffMaxAgeDays : policy.applicantMaxAgeDays);
  return days > 0 ? new Date(changedAt.getTime() + days * 24 * 60 * MINUTE) : null;
}

export type Stage = 'totp' | 'totp_enrol' | 'password_change' | 'full';

/**
 * The step a session must take next, in order: the second factor first (so that nobody with only
 * a password can change it), then enrolment for staff who have none, then a required password change.
 */
export function nextStage(
  account: { role: Role; totpEnabled: boolean; mustChangePassword: boolean; passwordChangedAt: Date },
  done: { secondFactor: boolean },
  policy: PasswordAgePolicy,
  now: Date,
): Stage {
  if (account.totpEnabled && !done.secondFactor) return 'totp';
  if (!account.totpEnabled && isStaff(account.role)) return 'totp_enrol';
  const expires = passwordExpiresAt(account.role, account.passwordChangedAt, policy);
  if (account.mustChangePassword || (expires && expires.getTime() <= now.getTime())) return 'password_change';
  return 'full';
}
