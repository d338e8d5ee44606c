import type { AuditRecord } from './audit-log.js';
import { AUDIT_EVENTS, isAuditEvent } from './events.js';
import { ErrorSummary, Field } from '../views/components.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';

/** The filter form as typed, echoed back so a mistake can be corrected in place. */
export interface AuditFilterForm {
  event: string;
  username: string;
  from: string;
  to: string;
}

export interface AuditPageProps {
  ctx: PageContext;
  form: AuditFilterForm;
  entries: readonly AuditRecord[];
  /** Set when there are older entries than the last one shown. */
  olderBeforeId: string | null;
  /** Whether this page is a continuation (beforeId was given). */
  isOlderPage: boolean;
  error?: string | null;
  errors?: Readonly<Record<string, readonly string[]>>;
}

export function AuditPage(props: AuditPageProps) {
  const { ctx, form, errors = {} } = props;
  const filterQuery = (extra: Record<string, string> = {}) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...form, ...extra })) if (value) params.set(key, value);
    const query = params.toString();
    return sitePath(ctx, 'admin/audit') + (query ? `?${query}` : '');
  };
  return (
    <Layout ctx={ctx} title="Audit log">
      <h1>Audit log</h1>
      <p class="lede">
        Sign-ins, passwords and account changes on the {ctx.site!.name}, newest first. Times are in {ctx.timeZone}.
      </p>
      <ErrorSummary message={props.error} errors={errors} />
      <form method="get" action={sitePath(ctx, 'admin/audit')} class="filters" role="search" aria-label="Filter the audit log">
        <div class={`field${errors.event?.length ? ' has-error' : ''}`}>
          <label for="field-event">Event</label>
          <select id="field-event" name="event" aria-invalid={errors.event?.length ? 'true' : undefined}>
            <option value="" selected={!form.event}>
              All events
            </option>
            {Object.entries(AUDIT_EVENTS).map(([value, label]) => (
              <option value={value} selected={form.event === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <Field name="username" label="Username" value={form.username} maxLength={200} errors={errors.username} hint="Who did it or whom it was about" autocomplete="off" />
        <Field name="from" label="From date" type="date" value={form.from} errors={errors.from} />
        <Field name="to" label="To date" type="date" value={form.to} errors={errors.to} hint="Includes this whole day" />
        <div>
          <button type="submit" class="primary">
            Filter
          </button>{' '}
          <a href={sitePath(ctx, 'admin/audit')}>Clear filters</a>
        </div>
      </form>
      {!props.error && (
        <>
          <AuditTable ctx={ctx} entries={props.entries} caption={props.isOlderPage ? 'Older audit entries' : 'Audit entries'} />
          <nav class="pagination" aria-label="Audit log pages">
            {props.isOlderPage && <a href={filterQuery()}>Newest entries</a>}
            {props.olderBeforeId && <a href={filterQuery({ beforeId: props.olderBeforeId })}>Older entries</a>}
          </nav>
        </>
      )}
    </Layout>
  );
}

/** The audit table, also used for the recent activity on a user's page. */
export function AuditTable(props: { ctx: PageContext; entries: readonly AuditRecord[]; caption: string }) {
  const { ctx } = props;
  if (props.entries.length === 0) {
    return (
      <p class="empty" role="status">
        No audit entries match.
      </p>
    );
  }
  return (
    <div class="table-wrap">
      <table class="audit-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Event</th>
            <th scope="col">Actor</th>
            <th scope="col">Subject</th>
            <th scope="col">IP address</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => (
            <tr>
              <td>
                <time dateTime={entry.occurredAt.toISOString()}>{formatAuditTime(entry.occurredAt, ctx.timeZone)}</time>
              </td>
              <td>{isAuditEvent(entry.event) ? AUDIT_EVENTS[entry.event] : entry.event}</td>
              <td>{entry.actorUsername ?? (entry.ip ? 'Not signed in' : 'System')}</td>
              <td>
                {entry.subjectUserId !== null && entry.subjectUsername ? (
                  <a href={sitePath(ctx, `admin/users/${entry.subjectUserId}`)}>{entry.subjectUsername}</a>
                ) : (
                  (entry.subjectUsername ?? '—')
                )}
              </td>
              <td>{entry.ip ?? '—'}</td>
              <td>
                <AuditDetails details={entry.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditDetails(props: { details: Record<string, unknown> }) {
  const pairs = Object.entries(props.details ?? {});
  if (pairs.length === 0) return <>—</>;
  return (
    <ul class="details">
      {pairs.map(([key, value]) => (
        <li>
          {key}: {detailValue(value)}
        </li>
      ))}
    </ul>
  );
}

function detailValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Audit times need seconds, unlike the rest of the pages. */
function formatAuditTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}
