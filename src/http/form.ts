import type { FastifyReply } from 'fastify';
import { isValidElement, type VNode } from 'preact';
import { ConflictError, ForbiddenError, UnconfirmedWarningsError, ValidationError } from '../errors.js';
import { CONFIRM_WARNINGS_FIELD, type FormFailure } from '../views/form-kit.js';
import './fastify-types.js';

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

/** A field the form may leave out: `undefined` when it was not sent at all ("leave it as it is"), else as formString. */
export function formOptionalString(body: unknown, name: string, options: { trim?: boolean; max?: number } = {}): string | undefined {
  const sent = body && typeof body === 'object' && (body as Record<string, unknown>)[name] !== undefined;
  return sent ? formString(body, name, options) : undefined;
}

/** The "these answers are right" box of a form that came back with warnings (see WarningConfirmation). */
export function formConfirmsWarnings(body: unknown): boolean {
  return formBoolean(body, CONFIRM_WARNINGS_FIELD);
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

/**
 * The route side of every form: run the service call; when it refuses with a ValidationError (or with warnings the
 * user has not confirmed yet), draw the same form again (with what was typed, the summary and each field's message)
 * and answer 422. Nothing else is caught: other
 * errors belong to the one error handler (src/http/error-handler.tsx).
 *
 *   return submitForm(reply, {
 *     action: () => site.projects.createOrganization(values, actorOf(request)),
 *     refused: (failure) => <NewAgencyPage ctx={reply.pageContext()} values={values} failure={failure} />,
 *     done: (organization) => reply.redirect(`/${site.id}/agencies/${organization.id}?done=created`, 303),
 *   });
 *
 * `refused` returns the page to draw, or a reply it has already sent (a page that loads data of its own).
 */
export async function submitForm<T>(
  reply: FastifyReply,
  steps: {
    action: () => Promise<T>;
    refused: (failure: FormFailure) => VNode | FastifyReply | Promise<VNode | FastifyReply>;
    done: (result: T) => FastifyReply | Promise<FastifyReply>;
    /**
     * Also explain a conflict (409) or a refusal (403) on the form's own page, for forms whose page says best why
     * (an administrator demoting the last administrator). Otherwise they go to the error page.
     */
    alsoRefuses?: readonly (typeof ConflictError | typeof ForbiddenError)[];
    /** 422 unless told: a filter (a GET that saves nothing) says 400. */
    refusedStatus?: number;
  },
): Promise<FastifyReply> {
  let result: T;
  try {
    result = await steps.action();
  } catch (error) {
    if (error instanceof ValidationError) return refuse(reply, { message: error.message, errors: error.fieldErrors, cause: error }, steps.refused, steps.refusedStatus);
    if (error instanceof UnconfirmedWarningsError) {
      return refuse(reply, { message: error.message, errors: {}, warnings: error.fieldWarnings, cause: error }, steps.refused, steps.refusedStatus);
    }
    const onPage = steps.alsoRefuses?.find((kind) => error instanceof kind);
    if (onPage) return refuse(reply, { message: (error as Error).message, errors: {} }, steps.refused, onPage === ConflictError ? 409 : 403);
    throw error;
  }
  return steps.done(result);
}

/**
 * Draws a refused form with 422: for refusals a route finds itself, before any service is called. A form that is
 * not refused for what was typed says so by its status: 401 for a wrong password or code, 400 for a filter.
 */
export async function refuse(
  reply: FastifyReply,
  failure: FormFailure,
  draw: (failure: FormFailure) => VNode | FastifyReply | Promise<VNode | FastifyReply>,
  status = 422,
): Promise<FastifyReply> {
  const drawn = await draw(failure);
  return isValidElement(drawn) ? reply.page(drawn as VNode, status) : (drawn as FastifyReply);
}
