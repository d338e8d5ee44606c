import type { FastifyInstance } from 'fastify';
import { NotFoundError, ValidationError } from '../errors.js';
import { formString, submitForm } from '../http/form.js';
import { HEARTH_ID_PATTERN } from '../hud/ids.js';
import type { SiteServices } from '../sites/site-services.js';
import type { AuditFilter } from './audit.model.js';
import { AUDIT_AREAS, AuditPage, type AuditFilterForm } from './audit.page.js';
import { CLIENT_DATA_EVENTS, isAuditEvent } from './events.js';

const PAGE_SIZE = 100;

export async function auditRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'admin' } }, async (request, reply) => {
    const { site } = request;
    const query = request.query;
    const form: AuditFilterForm = {
      event: formString(query, 'event', { max: 100 }),
      username: formString(query, 'username', { max: 200 }),
      from: formString(query, 'from', { max: 100 }),
      to: formString(query, 'to', { max: 100 }),
      actor: formString(query, 'actor', { max: 200 }),
      client: formString(query, 'client', { max: 100 }),
      area: formString(query, 'area', { max: 40 }),
    };
    const beforeId = formString(query, 'beforeId', { max: 100 });
    return submitForm(reply, {
      action: async () => withActingUser(site, form, parseAuditFilter(form, beforeId, site.config.timeZone)),
      refused: (failure) => <AuditPage ctx={reply.pageContext()} form={form} entries={[]} olderBeforeId={null} isOlderPage={false} failure={failure} />,
      done: async (filter) => {
        // One extra row tells whether there is an older page.
        const rows = await site.audit.list(site.db, { ...filter, limit: PAGE_SIZE + 1 });
        const entries = rows.slice(0, PAGE_SIZE);
        const olderBeforeId = rows.length > PAGE_SIZE ? entries[entries.length - 1]!.id : null;
        return reply.page(<AuditPage ctx={reply.pageContext()} form={form} entries={entries} olderBeforeId={olderBeforeId} isOlderPage={Boolean(beforeId)} />);
      },
      refusedStatus: 400,
    });
  });
}

/** The acting user is typed as a username and filtered by account id (the log's index). */
async function withActingUser(site: SiteServices, form: AuditFilterForm, filter: AuditFilter): Promise<AuditFilter> {
  if (!form.actor) return filter;
  try {
    const user = await site.accounts.getByUsername(form.actor);
    return { ...filter, actorUserId: user.id };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new ValidationError('Please correct the filters.', { actor: [`There is no user named “${form.actor}”.`] });
  }
}

/** The typed filter → the log's filter. Dates are whole days in the site's time zone; "to" includes its day. */
function parseAuditFilter(form: AuditFilterForm, beforeId: string, timeZone: string): AuditFilter {
  const errors: Record<string, string[]> = {};
  const filter: AuditFilter = {};
  if (form.event) {
    if (isAuditEvent(form.event)) filter.event = form.event;
    else errors.event = ['Choose an event from the list.'];
  }
  if (form.username) filter.username = form.username;
  if (form.client) {
    const personalId = form.client.toLowerCase();
    if (HEARTH_ID_PATTERN.test(personalId)) filter.clientPersonalId = personalId;
    else errors.client = ['A client PersonalID is 32 characters: digits 0–9 and letters a–f.'];
  }
  if (form.area) {
    if (Object.hasOwn(AUDIT_AREAS, form.area)) filter.events = CLIENT_DATA_EVENTS;
    else errors.area = ['Choose an area from the list.'];
  }
  const from = form.from ? parseDay(form.from) : null;
  const to = form.to ? parseDay(form.to) : null;
  if (form.from && !from) errors.from = [`“From date” must be a date like 2026-11-27 (you entered “${form.from}”).`];
  if (form.to && !to) errors.to = [`“To date” must be a date like 2026-11-27 (you entered “${form.to}”).`];
  if (from) filter.from = startOfDay(from, timeZone);
  if (to) filter.to = startOfDay({ ...to, day: to.day + 1 }, timeZone);
  if (filter.from && filter.to && filter.from >= filter.to) errors.to = ['“To date” must be on or after “From date”.'];
  if (beforeId) {
    if (/^[1-9][0-9]{0,17}$/.test(beforeId)) filter.beforeId = beforeId;
    else errors.beforeId = ['The page link is not valid. Start again from the newest entries.'];
  }
  if (Object.keys(errors).length > 0) throw new ValidationError('Please correct the filters.', errors);
  return filter;
}

interface Day {
  year: number;
  month: number;
  day: number;
}

/** A calendar date as YYYY-MM-DD (what `<input type="date">` sends), or null. */
function parseDay(value: string): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** The instant the given day begins in the time zone (day may overflow: the 32nd is the next month's 1st). */
function startOfDay(day: Day, timeZone: string): Date {
  const wallClock = Date.UTC(day.year, day.month - 1, day.day);
  // Take the zone's offset at the guess, then again at the result, which settles across a DST change.
  let instant = wallClock - zoneOffsetMs(new Date(wallClock), timeZone);
  instant = wallClock - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** How far the zone's wall clock is ahead of UTC at the instant. */
function zoneOffsetMs(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}
