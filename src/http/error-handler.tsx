import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, UnconfirmedWarningsError, ValidationError } from '../errors.js';
import { Layout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';
import { renderPage } from './render.js';
import { isDatabaseUnavailable } from './unavailable.js';

function statusFor(error: FastifyError | Error): number {
  if (error instanceof ValidationError) return 400;
  if (error instanceof UnconfirmedWarningsError) return 422;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof ConflictError) return 409;
  if (error instanceof DomainError) return 400;
  if (isDatabaseUnavailable(error)) return 503;
  if (isMalformedMultipart(error)) return 400;
  const status = (error as FastifyError).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** An upload (multipart/form-data) cut short or not of that shape: the parser (busboy) says so only in words. */
function isMalformedMultipart(error: Error): boolean {
  return /^(Unexpected end of (form|multipart data)|Malformed part header|Multipart: Boundary not found)/.test(error.message);
}

const MESSAGES: Record<number, string> = {
  400: 'The request could not be understood. Please go back and try again.',
  403: 'You do not have access to this page.',
  404: 'There is no page at this address.',
  405: 'That action is not allowed here.',
  413: 'What you sent is too large.',
  414: 'That address is too long.',
  415: 'Forms must be sent as ordinary web forms.',
  429: 'Too many attempts. Please wait a few minutes and try again.',
  503: 'Hearth is busy or briefly unavailable. Please try again in a moment.',
};

/** The one place errors become responses: a clear message and the right status, never a stack trace. */
export function installErrorHandlers(app: FastifyInstance, fallbackContext: (request: FastifyRequest, reply: FastifyReply) => PageContext) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = statusFor(error);
    let message = error instanceof DomainError ? error.message : (MESSAGES[status] ?? MESSAGES[400]!);
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      message = 'This form has expired or was not sent from Hearth. Go back, reload the page and try again.';
    }
    const databaseDown = status === 503 && isDatabaseUnavailable(error);
    if (status >= 500) {
      request.log.error({ err: error }, databaseDown ? 'database unavailable' : 'request failed');
      message = MESSAGES[status] ?? 'Something went wrong on our side. Your last change may not have been saved; please try again.';
    } else {
      request.log.info({ status, code: error.code ?? error.name }, 'request refused');
    }
    // The pool reconnects as soon as the database is back, so a short hint is honest there.
    if (databaseDown) reply.header('retry-after', '10');
    else if (status === 429 || status === 503) reply.header('retry-after', '60');
    return sendErrorPage(reply, status, message, fallbackContext(request, reply));
  });
  app.setNotFoundHandler((request, reply) =>
    sendErrorPage(reply, 404, MESSAGES[404]!, fallbackContext(request, reply)),
  );
}

export function sendErrorPage(reply: FastifyReply, status: number, message: string, ctx: PageContext) {
  const title =
    status === 404
      ? 'Page not found'
      : status === 403
        ? 'Not allowed'
        : status === 503
          ? 'Temporarily unavailable'
          : status >= 500
            ? 'Something went wrong'
            : 'Request refused';
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      renderPage(
        <Layout ctx={ctx} title={title}>
          <div class="narrow">
            <h1>{title}</h1>
            <div class="notice error" role="alert">
              {message}
            </div>
            <p>
              <a href={ctx.site ? `/${ctx.site.id}/` : '/'}>Go to the start page</a>
            </p>
          </div>
        </Layout>,
      ),
    );
}
