import type { ComponentChildren } from 'preact';
import { ErrorSummary, SelectField, TextField, type FormFailure } from '../views/form-kit.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';
import type { AuditRecord } from './audit.model.js';
import { AUDIT_EVENTS, auditEventName } from './events.js';

/** The filter form as typed, echoed back so a mistake can be corrected in place. */
export interface AuditFilterForm {
  event: string;
  username: string;
  from: string;
  to: string;
  /** Only what this user did (username). */
  actor: string;
  /** Only entries about this client (PersonalID). */
  client: string;
  /** '' for everything, 'client-data' for views, changes, searches, reveals, merges and enrollments. */
  area: string;
}

export const AUDIT_AREAS = { 'client-data': 'Client data only' } as const;

export interface AuditPageProps {
  ctx: PageContext;
  form: AuditFilterForm;
  entries: readonly AuditRecord[];
  /** Set when there are older entries than the last one shown. */
  olderBeforeId: string | null;
  /** Whether this page is a continuation (beforeId was given). */
  isOlderPage: boolean;
  /** A refused filter: the log is not shown until it is corrected. */
  failure?: FormFailure | null;
}

const EVENT_CHOICES = Object.entries(AUDIT_EVENTS).map(([value, label]) => ({ value, label }));
const AREA_CHOICES = Object.entries(AUDIT_AREAS).map(([value, label]) => ({ value, label }));

export function AuditPage(props: AuditPageProps) {
  const { ctx, form, failure } = props;
  const errors = failure?.errors ?? {};
  const filterQuery = (extra: Record<string, string> = {}) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...form, ...extra })) if (value) params.set(key, value);
    const query = params.toString();
    return sitePath(ctx, 'admin/audit') + (query ? `?${query}` : '');
  };
  const clientActivityOf = form.area === 'client-data' && form.actor && !form.client ? form.actor : null;
  return (
    <Layout ctx={ctx} title="Audit log">
      <h1>{clientActivityOf ? `Client data ${clientActivityOf} viewed or changed` : 'Audit log'}</h1>
      <p class="lede">
        Sign-ins, passwords, account changes and every view, change, search, SSN reveal and merge of client data on
        the {ctx.site!.name}, newest first. Times are in {ctx.timeZone}.
      </p>
      <ErrorSummary failure={failure} />
      <form method="get" action={sitePath(ctx, 'admin/audit')} class="filters" role="search" aria-label="Filter the audit log">
        <SelectField name="event" label="Event" value={form.event} choices={EVENT_CHOICES} emptyLabel="All events" errors={errors.event} />
        <TextField name="username" label="Username" value={form.username} maxLength={200} errors={errors.username} hint="Who did it or whom it was about" autocomplete="off" />
        <TextField name="actor" label="Acting user" value={form.actor} maxLength={200} errors={errors.actor} hint="Only what this user did" autocomplete="off" />
        <TextField name="client" label="Client PersonalID" value={form.client} maxLength={100} errors={errors.client} hint="Only entries about this client" autocomplete="off" />
        <SelectField name="area" label="Area" value={form.area} choices={AREA_CHOICES} emptyLabel="Everything" errors={errors.area} />
        <TextField name="from" label="From date" type="date" value={form.from} errors={errors.from} />
        <TextField name="to" label="To date" type="date" value={form.to} errors={errors.to} hint="Includes this whole day" />
        <div>
          <button type="submit" class="primary">
            Filter
          </button>{' '}
          <a href={sitePath(ctx, 'admin/audit')}>Clear filters</a>
        </div>
      </form>
      {!failure && (
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

/**
 * The audit table, also used for the recent activity on a user's page and, as `forClient`, for one client's
 * history (no subject column; the user links to their account; `showRecord` adds which PersonalID an entry
 * was about, when records were merged into the client).
 */
export function AuditTable(props: { ctx: PageContext; entries: readonly AuditRecord[]; caption: string; forClient?: { showRecord: boolean } }) {
  const { ctx, forClient } = props;
  const who = forClient ? clientHistoryColumns(ctx, forClient.showRecord) : auditLogColumns(ctx);
  return <AuditEntries ctx={ctx} entries={props.entries} caption={props.caption} {...who} />;
}

type WhoColumns = Pick<AuditEntriesProps, 'empty' | 'whoColumns' | 'who' | 'showRecord'>;

/** The log's own columns: who acted, and whom (a user or a client) it was about. */
function auditLogColumns(ctx: PageContext): WhoColumns {
  return {
    empty: 'No audit entries match.',
    whoColumns: ['Actor', 'Subject'],
    who: (entry) => (
      <>
        <td>{entry.actorUsername ?? (entry.ip ? 'Not signed in' : 'System')}</td>
        <td>
          {entry.subjectUserId !== null && entry.subjectUsername ? (
            <a href={sitePath(ctx, `admin/users/${entry.subjectUserId}`)}>{entry.subjectUsername}</a>
          ) : entry.clientPersonalId ? (
            <>
              Client <a href={sitePath(ctx, `clients/${entry.clientPersonalId}/history`)}>{entry.clientPersonalId}</a>
            </>
          ) : (
            (entry.subjectUsername ?? '—')
          )}
        </td>
      </>
    ),
  };
}

/** One client's history: every entry is about the client, so only the user who acted, linked to their account. */
function clientHistoryColumns(ctx: PageContext, showRecord: boolean): WhoColumns {
  return {
    empty: 'Nothing has been recorded about this client.',
    whoColumns: ['User'],
    who: (entry) => (
      <td>
        {entry.actorUserId !== null && entry.actorUsername ? (
          <a href={sitePath(ctx, `admin/users/${entry.actorUserId}`)}>{entry.actorUsername}</a>
        ) : (
          (entry.actorUsername ?? 'System')
        )}
      </td>
    ),
    showRecord,
  };
}

interface AuditEntriesProps {
  ctx: PageContext;
  entries: readonly AuditRecord[];
  caption: string;
  empty: string;
  whoColumns: readonly string[];
  who: (entry: AuditRecord) => ComponentChildren;
  showRecord?: boolean;
}

/**
 * Audit entries, newest first (or `empty`): when and what, who (the columns the table needs), from where and the
 * details; `showRecord` adds the PersonalID an entry was about.
 */
function AuditEntries(props: AuditEntriesProps) {
  if (props.entries.length === 0) {
    return (
      <p class="empty" role="status">
        {props.empty}
      </p>
    );
  }
  const columns = ['Time', 'Event', ...props.whoColumns, 'IP address', 'Details', ...(props.showRecord ? ['Record'] : [])];
  return (
    <div class="table-wrap">
      <table class="audit-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => (
            <tr>
              <td>
                <time dateTime={entry.occurredAt.toISOString()}>{formatAuditTime(entry.occurredAt, props.ctx.timeZone)}</time>
              </td>
              <td>{auditEventName(entry.event)}</td>
              {props.who(entry)}
              <td>{entry.ip ?? '—'}</td>
              <td>
                <AuditDetails details={entry.details} />
              </td>
              {props.showRecord && (
                <td>
                  <code>{entry.clientPersonalId ?? '—'}</code>
                </td>
              )}
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
export function formatAuditTime(date: Date, timeZone: string): string {
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
