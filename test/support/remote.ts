/**
 * The test platform's HTTP client (support/platform.ts) against a real server on a port, for browser
 * tests that prepare records through the API: the same cookies and CSRF handling, sign-in through
 * every stage (forced password change, authenticator enrolment, the second factor), and the session
 * handed to a browser context so a page opens signed in without a second TOTP code.
 */
import type { BrowserContext } from 'playwright-core';
import type { Hono } from 'hono';
import { totpCode } from '../../src/adapters/security/security.ts';
import { Client, type TestClock } from './platform.ts';

export interface Staff {
  client: Client;
  email: string;
  password: string;
  /** The authenticator secret, once enrolled. */
  secret: string | null;
}

/** A client of the server at `base`; `now` is the server's time (for TOTP codes after the clock moved). */
export function remoteClient(base: string, now: () => Date): Client {
  const app = { request: (path: string, init: RequestInit) => fetch(`${base}${path}`, init) } as unknown as Hono<never>;
  const clock = { now, advance: () => {} } as unknown as TestClock;
  return new Client(app, clock, '127.0.0.1');
}

/** Waits until the next 30-second TOTP step, so a code is never one the account used already. */
async function nextStep(now: () => Date): Promise<void> {
  const ms = 30_000 - (now().getTime() % 30_000) + 200;
  await new Promise((r) => setTimeout(r, ms));
}

/**
 * Signs an account in completely: changes a one-time password to `newPassword` when asked, enrols an
 * authenticator (or answers with `secret`), and returns the signed-in client with its secret.
 */
export async function signInStaff(
  base: string,
  now: () => Date,
  account: { email: string; password: string; secret?: string | null; newPassword?: string },
  opts: { waitForNewStep?: boolean } = {},
): Promise<Staff> {
  const client = remoteClient(base, now);
  let password = account.password;
  let secret = account.secret ?? null;
  let r = await client.post('/api/auth/login', { email: account.email, password });
  if (r.status !== 200) throw new Error(`sign-in of ${account.email}: ${r.status} ${JSON.stringify(r.body)}`);
  for (let step = 0; step < 4 && r.body.stage !== 'full'; step += 1) {
    if (r.body.stage === 'password_change') {
      const next = account.newPassword ?? `${password}-Neu9`;
      r = await client.post('/api/auth/password', { currentPassword: password, newPassword: next });
      password = next;
    } else if (r.body.stage === 'totp_enrol') {
      const enrolment = await client.post('/api/auth/totp/enrolment');
      secret = enrolment.body.secret as string;
      r = await client.post('/api/auth/totp/enrolment/confirm', { code: totpCode(secret, now()) });
    } else if (r.body.stage === 'totp') {
      if (!secret) throw new Error(`${account.email} asks for a second factor and no secret is known`);
      if (opts.waitForNewStep) await nextStep(now);
      r = await client.post('/api/auth/totp/verify', { code: totpCode(secret, now()) });
    }
    if (r.status !== 200) throw new Error(`sign-in of ${account.email} at stage ${r.body?.stage}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  if (r.body.stage !== 'full') throw new Error(`sign-in of ${account.email} stopped at ${r.body.stage}`);
  return { client, email: account.email, password, secret };
}

/** Puts the client's session cookies into a browser context: its pages are signed in as that account. */
export async function shareSession(client: Client, context: BrowserContext, base: string): Promise<void> {
  await context.clearCookies();
  await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: base })));
}
