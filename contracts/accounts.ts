import { z } from 'zod';
import { id, listQuery, pageOf } from './common.ts';
import { role } from './auth.ts';

export const accountStatus = z.enum(['active', 'disabled']);

export const account = z.object({
  id,
  email: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  role,
  status: accountStatus,
  organizationId: id,
  organizationName: z.string(),
  twoFactorEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  failedLogins: z.number().int(),
  lastLoginAt: z.string().nullable(),
  passwordChangedAt: z.string(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof account>;

export const accountListQuery = listQuery.extend({
  role: role.optional(),
  status: accountStatus.optional(),
  organizationId: id.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['email', 'displayName', 'role', 'createdAt', 'lastLoginAt']).default('createdAt'),
});
export type AccountListQuery = z.infer<typeof accountListQuery>;
export const accountPage = pageOf(account);

export const createAccountInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: 'email' })),
  displayName: z.string().trim().min(1).max(50),
  phone: z.string().trim().regex(/^1\d{10}$/, { error: 'mobile' }).optional(),
  role: role.exclude(['applicant']),
  organizationId: id,
});
export type CreateAccountInput = z.infer<typeof createAccountInput>;

/** The initial password is shown once to the administrator; the holder must change it at first sign-in. */
export const createAccountResult = z.object({ account, initialPassword: z.string() });

export const accountAction = z.enum(['disable', 'enable', 'unlock', 'reset_two_factor', 'reset_password']);
export const accountActionInput = z.object({ action: accountAction, reason: z.string().trim().min(2).max(200) });
export type AccountActionInput = z.infer<typeof accountActionInput>;
export const accountActionResult = z.object({ account, initialPassword: z.string().optional() });
