import { z } from 'zod';
import { id } from './common.ts';
import { organizationKind } from './organizations.ts';

export const role = z.enum([
  'applicant',
  'city_officer',
  'province_officer',
  'task_force_reviewer',
  'expert',
  'finance_officer',
  'auditor',
  'administrator',
]);

const email = z.string().trim().toLowerCase().pipe(z.email({ error: 'email' }));
/** Length and content are checked by the password policy (src/core/password-policy.ts), with its own messages. */
const password = z.string().min(1).max(256);

export const registerInput = z.object({
  email,
  password,
  displayName: z.string().trim().min(1).max(50),
  organizationName: z.string().trim().min(2).max(100),
  creditCode: z.string().trim().min(1).max(40),
  /** The recommending unit (city) where the enterprise is registered. */
  cityId: id,
  phone: z.string().trim().regex(/^1\d{10}$/, { error: 'mobile' }).optional(),
});
export type RegisterInput = z.infer<typeof registerInput>;

export const loginInput = z.object({ email, password });
export type LoginInput = z.infer<typeof loginInput>;

/**
 * Where a signed-in session stands: `totp` waits for the second factor, `totp_enrol` must set one up
 * (staff), `password_change` must choose a new password (expired or issued by an administrator).
 */
export const sessionStage = z.enum(['totp', 'totp_enrol', 'password_change', 'full']);
export type SessionStage = z.infer<typeof sessionStage>;

export const sessionUser = z.object({
  id,
  email: z.string(),
  displayName: z.string(),
  role,
  organization: z.object({ id, name: z.string(), kind: organizationKind, code: z.string() }),
  twoFactorEnabled: z.boolean(),
  twoFactorRequired: z.boolean(),
  passwordExpiresAt: z.string().nullable(),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const sessionInfo = z.object({
  /** True only when fully signed in (stage `full`); a session part-way through has a user but is not authenticated. */
  authenticated: z.boolean(),
  stage: sessionStage.nullable(),
  user: sessionUser.nullable(),
  /** Send back as the `x-csrf-token` header on every state-changing request. */
  csrfToken: z.string(),
  idleExpiresAt: z.string().nullable(),
  absoluteExpiresAt: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const totpCodeInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, { error: 'totp' }) });
export type TotpCodeInput = z.infer<typeof totpCodeInput>;

export const totpEnrolment = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  /** The otpauth URL as an SVG QR code (data URL), for authenticator apps. */
  qrCode: z.string(),
});
export type TotpEnrolment = z.infer<typeof totpEnrolment>;

export const changePasswordInput = z.object({ currentPassword: password, newPassword: password });
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

export const passwordResetRequestInput = z.object({ email });
export const passwordResetInput = z.object({ token: z.string().min(20).max(200), newPassword: password });
export type PasswordResetInput = z.infer<typeof passwordResetInput>;
