import { randomBytes } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;

/**
 * 32 symbols (digits and lowercase letters without i, l, o, u), so one random byte masked to 5 bits
 * picks one without bias, and nothing reads as another symbol.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const CODE_LENGTH = 10;

/**
 * Ten single-use codes like "7k2m-q9xd-4f", each 50 bits from the CSPRNG. They are stored as argon2id
 * hashes (not SHA-256): 50 bits is too few to withstand offline guessing against a fast hash if the
 * database leaks, and argon2id at 19 MiB makes that infeasible. Checking one against ten hashes is slow,
 * but only someone who already typed the right password can try, and wrong codes count towards the lockout.
 */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => formatRecoveryCode(randomCode()));
}

function randomCode(): string {
  return [...randomBytes(CODE_LENGTH)].map((byte) => ALPHABET[byte & 31]).join('');
}

/** "7k2mq9xd4f" → "7k2m-q9xd-4f" */
export function formatRecoveryCode(canonical: string): string {
  return `${canonical.slice(0, 4)}-${canonical.slice(4, 8)}-${canonical.slice(8)}`;
}

/**
 * The form that is hashed: lowercase, without dashes or spaces; look-alike letters people may type
 * for digits are mapped back. Null when it cannot be a recovery code.
 */
export function canonicalRecoveryCode(input: string): string | null {
  const code = input
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/[il]/g, '1')
    .replace(/o/g, '0');
  if (code.length !== CODE_LENGTH) return null;
  for (const char of code) if (!ALPHABET.includes(char)) return null;
  return code;
}
