import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, writePrivateFileSync } from '../files/private-files.js';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/** Thrown when a sealed value is malformed, was altered, or was sealed with another key. */
export class SealedValueError extends Error {
  override name = 'SealedValueError';
}

/**
 * Encrypts outbox bodies at rest: a body may hold a password-reset link, and a database dump or
 * backup must not hand anyone a working link. AES-256-GCM also detects any change to a sealed value.
 */
export class Sealer {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`The mail sealing key must be ${KEY_BYTES} bytes (got ${key.length}).`);
    this.#key = Buffer.from(key);
  }

  /** Returns `v1.<iv>.<tag>.<ciphertext>`, each part base64url; a fresh random IV every time. */
  seal(plain: string): string {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  /** Throws SealedValueError unless `sealed` is exactly what seal() produced with this key. */
  open(sealed: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SealedValueError('Sealed value has an unknown format.');
    const [, ivText = '', tagText = '', ciphertextText = ''] = parts;
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    const ciphertext = Buffer.from(ciphertextText, 'base64url');
    // Checked explicitly: GCM would otherwise accept a truncated tag, which weakens the integrity check.
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealedValueError('Sealed value has an unknown format.');
    try {
      const decipher = crypto.createDecipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedValueError('Sealed value was altered or sealed with a different key.');
    }
  }
}

/**
 * The key for sealing outbox bodies: derived from HEARTH_SECRET_KEY when one is set (so several
 * servers share it), otherwise kept in a key file under the data folder, created on first use.
 */
export function loadSealerKey(options: { secret?: string; keyFile: string }): Buffer {
  if (options.secret) {
    return Buffer.from(crypto.hkdfSync('sha256', options.secret, Buffer.alloc(0), 'hearth mail outbox', KEY_BYTES));
  }
  const existing = readKeyFile(options.keyFile);
  if (existing) return existing;
  ensurePrivateDir(path.dirname(options.keyFile));
  const key = crypto.randomBytes(KEY_BYTES);
  try {
    // Exclusive: never overwrite a key another process wrote meanwhile; its outbox bodies depend on it.
    writePrivateFileSync(options.keyFile, `${key.toString('base64')}\n`, { exclusive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const raced = readKeyFile(options.keyFile);
      if (raced) return raced;
    }
    throw error;
  }
  return key;
}

function readKeyFile(keyFile: string): Buffer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new Error(`The mail key file ${keyFile} must hold ${KEY_BYTES} bytes in base64 (found ${key.length}).`);
  }
  return key;
}
