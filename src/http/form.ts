import { ValidationError } from '../errors.js';

/**
 * Reads one text field from a urlencoded body. Repeated fields, arrays and objects are refused with a
 * clear message rather than guessed at.
 */
export function formString(body: unknown, name: string, options: { trim?: boolean; max?: number } = {}): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw new ValidationError(`The field “${name}” was sent more than once or in an unexpected form.`);
  }
  if (value.includes('\u0000')) {
    throw new ValidationError(`The field “${name}” contains a character that is not allowed.`);
  }
  const max = options.max ?? 4096;
  if (value.length > max) throw new ValidationError(`The field “${name}” is too long (at most ${max} characters).`);
  return options.trim === false ? value : value.trim();
}

export function formBoolean(body: unknown, name: string): boolean {
  const value = formString(body, name);
  return value === 'on' || value === 'true' || value === '1' || value === 'yes';
}

/**
 * Reads a field that may be repeated (checkboxes, hidden lists): every value a short string, or a clear
 * refusal. Empty values are dropped; order is kept.
 */
export function formStrings(body: unknown, name: string, limits: { maxCount?: number; max?: number } = {}): string[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (value === undefined || value === null) return [];
  const values = Array.isArray(value) ? value : [value];
  const maxCount = limits.maxCount ?? 50;
  const max = limits.max ?? 100;
  if (values.length > maxCount || values.some((v) => typeof v !== 'string' || v.length > max || v.includes('\u0000'))) {
    throw new ValidationError(`The field “${name}” was sent in an unexpected form.`);
  }
  return (values as string[]).map((v) => v.trim()).filter(Boolean);
}
