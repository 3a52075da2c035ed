import type { DemoCredential } from '../use-cases/seed.ts';
import { ROLE_LABELS } from '../core/roles.ts';

/** Prints the demo accounts once; the passwords are not stored anywhere else in clear. */
export function printCredentials(creds: DemoCredential[]): void {
  const lines = [
    '',
    '演示账号（密码只显示这一次）/ Demo accounts (passwords are shown only this once):',
    ...creds.map((c) => `  DEMO ${c.role.padEnd(20)} ${c.email.padEnd(24)} ${c.password}   ${ROLE_LABELS[c.role]['zh-CN']} · ${c.organization}`),
    '工作人员账号首次登录需绑定身份验证器（TOTP）/ Staff accounts set up an authenticator app at first sign-in.',
    '',
  ];
  console.log(lines.join('\n'));
}
