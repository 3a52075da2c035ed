import { z } from 'zod';
import {
  changePasswordInput,
  loginInput,
  passwordResetInput,
  passwordResetRequestInput,
  registerInput,
  sessionInfo,
  totpCodeInput,
  totpEnrolment,
} from '../../../../contracts/auth.ts';
import { logIn } from '../../../use-cases/auth/log-in.ts';
import { logOut } from '../../../use-cases/auth/log-out.ts';
import { changePassword, requestPasswordReset, resetPassword } from '../../../use-cases/auth/passwords.ts';
import { registerApplicant } from '../../../use-cases/auth/register-applicant.ts';
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment, verifySecondFactor } from '../../../use-cases/auth/second-factor.ts';
import { presentSession, resolveSession, type ResolvedSession } from '../../../use-cases/auth/sessions.ts';
import type { Deps, SessionRow } from '../../../use-cases/ports.ts';
import { route, type HandlerInput } from '../route.ts';

const ok = z.object({ ok: z.literal(true) });
const tag = 'auth';

/** After a use case starts a session: set the cookie and answer with the new session's view. */
async function answerWithSession(input: HandlerInput<unknown, unknown, unknown>, started: { token: string; session: SessionRow }) {
  input.setSessionCookie(started.token, started.session.absoluteExpiresAt);
  return presentSession(input.deps, await resolveSession(input.deps, started.token), input.anonymousCsrf);
}

const must = (s: ResolvedSession | null) => s!;

export const authRoutes = [
  route({
    method: 'get',
    path: '/api/auth/session',
    summary: '当前会话 / The current session, with the CSRF token to send back',
    tag,
    access: 'public',
    response: sessionInfo,
    handler: async ({ deps, session, anonymousCsrf }) => presentSession(deps, session, anonymousCsrf),
  }),
  route({
    method: 'post',
    path: '/api/auth/register',
    summary: '申报单位注册 / An applicant registers its organization and first account',
    tag,
    access: 'public',
    body: registerInput,
    response: sessionInfo,
    status: 201,
    handler: async (input) => answerWithSession(input, await registerApplicant(input.deps, input.ctx, input.body)),
  }),
  route({
    method: 'post',
    path: '/api/auth/login',
    summary: '登录 / Sign in with e-mail and password',
    tag,
    access: 'public',
    body: loginInput,
    response: sessionInfo,
    handler: async (input) => answerWithSession(input, await logIn(input.deps, input.ctx, input.body)),
  }),
  route({
    method: 'post',
    path: '/api/auth/totp/verify',
    summary: '双因素验证 / Complete sign-in with the authenticator code',
    tag,
    access: 'session',
    body: totpCodeInput,
    response: sessionInfo,
    handler: async (input) => answerWithSession(input, await verifySecondFactor(input.deps, input.ctx, must(input.session), input.body.code)),
  }),
  route({
    method: 'post',
    path: '/api/auth/totp/enrolment',
    summary: '开始绑定验证器 / Start setting up an authenticator',
    tag,
    access: 'session',
    response: totpEnrolment,
    handler: async ({ deps, ctx, session }) => startTotpEnrolment(deps, ctx, must(session)),
  }),
  route({
    method: 'post',
    path: '/api/auth/totp/enrolment/confirm',
    summary: '确认绑定验证器 / Confirm the authenticator with a code',
    tag,
    access: 'session',
    body: totpCodeInput,
    response: sessionInfo,
    handler: async (input) => answerWithSession(input, await confirmTotpEnrolment(input.deps, input.ctx, must(input.session), input.body.code)),
  }),
  route({
    method: 'post',
    path: '/api/auth/totp/disable',
    summary: '关闭双因素认证（仅申报单位）/ Turn two-factor off (applicants only)',
    tag,
    access: 'signedIn',
    roles: ['applicant'],
    body: totpCodeInput,
    response: sessionInfo,
    handler: async ({ deps, ctx, session, body, anonymousCsrf }) => {
      await disableTotp(deps, ctx, must(session), body.code);
      return presentSession(deps, await reload(deps, must(session)), anonymousCsrf);
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/password',
    summary: '修改密码 / Change the password',
    tag,
    access: 'session',
    body: changePasswordInput,
    response: sessionInfo,
    handler: async (input) => answerWithSession(input, await changePassword(input.deps, input.ctx, must(input.session), input.body)),
  }),
  route({
    method: 'post',
    path: '/api/auth/password-reset/request',
    summary: '申请重设密码邮件 / Ask for a password-reset e-mail',
    tag,
    access: 'public',
    body: passwordResetRequestInput,
    response: ok,
    status: 202,
    handler: async ({ deps, ctx, body }) => {
      await requestPasswordReset(deps, ctx, body.email);
      return { ok: true as const };
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/password-reset',
    summary: '用邮件中的链接重设密码 / Set a new password with the e-mailed token',
    tag,
    access: 'public',
    body: passwordResetInput,
    response: ok,
    handler: async ({ deps, ctx, body }) => {
      await resetPassword(deps, ctx, body);
      return { ok: true as const };
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/logout',
    summary: '退出登录 / Sign out',
    tag,
    access: 'session',
    response: sessionInfo,
    handler: async ({ deps, ctx, session, clearSessionCookie, anonymousCsrf }) => {
      await logOut(deps, ctx, must(session), false);
      clearSessionCookie();
      return presentSession(deps, null, anonymousCsrf);
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/logout-everywhere',
    summary: '退出所有设备 / Sign out on every device',
    tag,
    access: 'session',
    response: sessionInfo,
    handler: async ({ deps, ctx, session, clearSessionCookie, anonymousCsrf }) => {
      await logOut(deps, ctx, must(session), true);
      clearSessionCookie();
      return presentSession(deps, null, anonymousCsrf);
    },
  }),
];

async function reload(deps: Deps, s: ResolvedSession): Promise<ResolvedSession | null> {
  return deps.uow.read(async (repos) => {
    const account = await repos.accounts.findById(s.account.id);
    return account ? { ...s, account } : null;
  });
}
