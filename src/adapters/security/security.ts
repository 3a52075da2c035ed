/** Password hashing (argon2id), TOTP (RFC 6238) and random tokens: the cryptography the use cases need. */
import { createHash, randomBytes } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';

/** Algorithm.Argon2id in @node-rs/argon2 (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Deps, PasswordHasher, TotpService } from '../../use-cases/ports.ts';

/** argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). */
export const argon2Hasher: PasswordHasher = {
  hash: (password) => argonHash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
  verify: async (hash, password) => {
    try {
      return await argonVerify(hash, password);
    } catch {
      return false;
    }
  },
};

const ISSUER = '工业互联网项目管理平台';
const PERIOD = 30;

export const totpService: TotpService = {
  generateSecret: () => new OTPAuth.Secret({ size: 20 }).base32,
  uri: (secret, label) =>
    new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) }).toString(),
  verify(secret, code, now) {
    const delta = OTPAuth.TOTP.validate({ token: code, secret: OTPAuth.Secret.fromBase32(secret), period: PERIOD, timestamp: now.getTime(), window: 1 });
    return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD) + delta;
  },
  qrCode: (uri) => QRCode.toString(uri, { type: 'svg', margin: 1, width: 200 }).then((svg) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`),
};

/** A TOTP code for a secret at a time: for tests and the demo. */
export function totpCode(secret: string, at: Date = new Date()): string {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), period: PERIOD, timestamp: at.getTime() });
}

export const tokens: Deps['tokens'] = {
  random: (bytes = 32) => randomBytes(bytes).toString('base64url'),
  digest: (token) => createHash('sha256').update(token).digest('hex'),
};
