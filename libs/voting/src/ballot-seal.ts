import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What a sealed secret ballot holds until it is mixed into the ballot box. */
export interface SecretChoice {
  optionIds: string[];
  scores: number[] | null;
  stakeholderClass: string | null;
  receiptHash: string;
  /** How many members it counts for; absent (ballots sealed before weights existed) means 1. */
  weight?: number;
}

/** The sealing key, derived from BALLOT_KEY, which the database never sees: it alone cannot open a sealed ballot. */
export function ballotKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'commons', 'secret ballot seal', 32));
}

export function sealBallot(key: Buffer, choice: SecretChoice): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(choice), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

export function openBallot(key: Buffer, sealed: string): SecretChoice {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')) as SecretChoice;
}
