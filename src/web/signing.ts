import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 signatures, one key per purpose so a session cookie can never pass as a sign-in link. */
export interface Signer {
  sign(purpose: string, value: string): string;
  verify(purpose: string, value: string, signature: string): boolean;
}

/** A signer over `secret`; without one, a random key for this run (everything signed dies on restart). */
export function createSigner(secret: string | undefined): Signer {
  const key = secret ?? randomBytes(32).toString('hex');
  const mac = (purpose: string, value: string): Buffer => createHmac('sha256', key).update(`${purpose}\n${value}`).digest();
  return {
    sign: (purpose, value) => mac(purpose, value).toString('base64url'),
    verify(purpose, value, signature) {
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(purpose, value);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
