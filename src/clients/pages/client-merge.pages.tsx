import { formatDob } from '../client-fields.js';
import type { Client, MergeComparison, MergeSide, PossibleDuplicate } from '../clients.model.js';
import { SEARCH_HELP } from '../client-search.js';
import type { SearchResult } from '../clients.service.js';
import { maskSsn } from '../ssn.js';
import { DOB_DATA_QUALITY, labelOf, NAME_DATA_QUALITY, RACE_FIELDS, RACE_NONE, SEX, SSN_DATA_QUALITY, VETERAN_STATUS } from '../../hud/client-code-lists.js';
import { CsrfField, ErrorSummary, Field, Notice } from '../../views/components.js';
import { formatDateTime } from '../../views/format.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { clientName } from '../client-name.js';

type FieldErrors = Readonly<Record<string, readonly string[]>>;

export interface MergeChoosePageProps {
  ctx: PageContext;
  client: Client;
  duplicates: readonly PossibleDuplicate[];
  /** The search typed on this page, and what it found (the client itself left out). */
  q: string;
  searchResult: SearchResult | null;
  /** The PersonalID typed, kept when it is refused. */
  other: string;
  error?: string | null;
  errors?: FieldErrors;
}

/** Step 1 of a merge: which record is the same person? Nothing changes on this page. */
export function MergeChoosePage(props: MergeChoosePageProps) {
  const { ctx, client, errors = {} } = props;
  const name = clientName(client);
  const comparePath = (otherId: string) => `${sitePath(ctx, `clients/${client.personalId}/merge/compare`)}?other=${otherId}`;
  const found = props.searchResult?.clients.filter((c) => c.personalId !== client.personalId) ?? [];
  return (
    <Layout ctx={ctx} title={`Merge · ${name}`}>
      <p>
        <a href={sitePath(ctx, `clients/${client.personalId}`)}>← Back to the client</a>
      </p>
      <h1>Merge {name} with another record</h1>
      <p class="lede">
        Choose the other record of the same person. You will see both side by side and choose which one to keep
        before anything changes.
      </p>
      <ErrorSummary message={props.error} errors={errors} />
      <dl class="facts">
        <dt>This record</dt>
        <dd>
          {name}, born {formatDob(client.dob)}, SSN {maskSsn(client.ssn)}, PersonalID <code>{client.personalId}</code>
        </dd>
      </dl>

      <section aria-labelledby="duplicates-heading">
        <h2 id="duplicates-heading">Likely duplicates</h2>
        {props.duplicates.length === 0 ? (
          <p class="empty" role="status">
            No other record shares two of: a valid SSN, the same name, the same date of birth. Find the other record by
            its PersonalID or a search below.
          </p>
        ) : (
          <CandidateTable ctx={ctx} caption="Records sharing at least two of SSN, name and date of birth" clients={props.duplicates.map((d) => d.client)} reasons={props.duplicates.map((d) => d.reasons.join(', '))} comparePath={comparePath} />
        )}
      </section>

      <section aria-labelledby="by-id-heading">
        <h2 id="by-id-heading">By PersonalID</h2>
        <form method="get" action={sitePath(ctx, `clients/${client.personalId}/merge/compare`)} class="stack narrow" novalidate>
          <Field name="other" label="PersonalID of the other record" value={props.other} maxLength={100} autocomplete="off" hint="32 characters, shown on the client’s page" errors={errors.other} />
          <button type="submit" class="primary">
            Compare
          </button>
        </form>
      </section>

      <section aria-labelledby="search-heading">
        <h2 id="search-heading">Search</h2>
        <form method="get" action={sitePath(ctx, `clients/${client.personalId}/merge`)} class="search" role="search" aria-label="Search for the other record">
          <label for="field-merge-q">Search clients</label>
          <p class="hint" id="field-merge-q-hint">
            {SEARCH_HELP}
          </p>
          <input id="field-merge-q" name="q" type="search" value={props.q} maxLength={200} autocomplete="off" aria-describedby="field-merge-q-hint" />{' '}
          <button type="submit">Search</button>
        </form>
        {props.searchResult && props.searchResult.kind !== 'empty' && (
          found.length === 0 ? (
            <p class="empty" role="status">
              No other client found.
            </p>
          ) : (
            <CandidateTable ctx={ctx} caption={`Search results for “${props.q}”`} clients={found} comparePath={comparePath} />
          )
        )}
      </section>
    </Layout>
  );
}

function CandidateTable(props: { ctx: PageContext; caption: string; clients: readonly Client[]; reasons?: readonly string[]; comparePath: (id: string) => string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Date of birth</th>
            <th scope="col">SSN</th>
            {props.reasons && <th scope="col">Same</th>}
            <th scope="col">PersonalID</th>
            <th scope="col">
              <span class="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.clients.map((c, i) => (
            <tr>
              <td>{clientName(c)}</td>
              <td>{formatDob(c.dob)}</td>
              <td>{maskSsn(c.ssn)}</td>
              {props.reasons && <td>{props.reasons[i]}</td>}
              <td>
                <code>{c.personalId}</code>
              </td>
              <td>
                <a href={props.comparePath(c.personalId)} aria-label={`Compare with ${clientName(c)} (${c.personalId})`}>
                  Compare
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface MergeComparePageProps {
  ctx: PageContext;
  comparison: MergeComparison;
  /** The choices as sent, kept when the merge is refused. */
  keep: string;
  confirmed: boolean;
  error?: string | null;
  errors?: FieldErrors;
}

/** Step 2: both records side by side, which one to keep, and a deliberate confirmation. */
export function MergeComparePage(props: MergeComparePageProps) {
  const { ctx, comparison, errors = {} } = props;
  const [first, second] = comparison.records;
  const rows = comparisonRows(ctx, first, second);
  const keepInvalid = Boolean(errors.keep?.length);
  const confirmInvalid = Boolean(errors.confirm?.length);
  const blocked = comparison.sharedHouseholds.length > 0;
  return (
    <Layout ctx={ctx} title="Compare and merge client records">
      <p>
        <a href={sitePath(ctx, `clients/${first.client.personalId}/merge`)}>← Choose a different record</a>
      </p>
      <h1>Compare and merge client records</h1>
      <ErrorSummary message={props.error} errors={errors} />
      <div class="table-wrap">
        <table class="compare-table">
          <caption>The two records side by side</caption>
          <thead>
            <tr>
              <td></td>
              <th scope="col">This record</th>
              <th scope="col">Other record</th>
              <th scope="col">Same?</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr class={row.same === false ? 'differs' : undefined}>
                <th scope="row">{row.label}</th>
                <td>{row.first}</td>
                <td>{row.second}</td>
                <td>{row.same === null ? '—' : row.same ? 'Same' : 'Differs'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {blocked ? (
        <div class="notice error" role="alert">
          <p>
            <strong>These records cannot be merged:</strong> both are members of the same household (HouseholdID{' '}
            {comparison.sharedHouseholds.join(', ')}), and one person cannot be in a household twice. Correct that
            household first.
          </p>
        </div>
      ) : (
        <form method="post" action={sitePath(ctx, `clients/${first.client.personalId}/merge`)} class="stack narrow" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="other" value={second.client.personalId} />
          <fieldset class={keepInvalid ? 'has-error' : undefined} aria-describedby={['field-keep-hint', keepInvalid ? 'field-keep-error' : ''].filter(Boolean).join(' ')}>
            <legend>Which record do you keep?</legend>
            <p class="hint" id="field-keep-hint">
              The kept record’s answers stay as they are (edit it afterwards to take over anything from the other). Every
              enrollment and exit of the other record moves to it, and it keeps the earlier creation date. The other
              record is deleted; its PersonalID leads to the kept one.
            </p>
            {keepInvalid && (
              <p class="field-error" id="field-keep-error">
                {errors.keep!.join(' ')}
              </p>
            )}
            {[first, second].map((side, i) => (
              <div class="field checkbox">
                <input id={`field-keep-${i}`} name="keep" type="radio" value={side.client.personalId} checked={props.keep === side.client.personalId} />
                <label for={`field-keep-${i}`}>
                  Keep {i === 0 ? 'this record' : 'the other record'}: {clientName(side.client)} (PersonalID {side.client.personalId}, created{' '}
                  {formatDateTime(side.client.dateCreated, ctx.timeZone)})
                </label>
              </div>
            ))}
          </fieldset>
          <div class={`field checkbox${confirmInvalid ? ' has-error' : ''}`}>
            <input id="field-confirm" name="confirm" type="checkbox" value="yes" checked={props.confirmed} aria-invalid={confirmInvalid ? 'true' : undefined} aria-describedby={confirmInvalid ? 'field-confirm-error' : undefined} />
            <label for="field-confirm">I have compared both records: they are the same person. A merge cannot be undone.</label>
          </div>
          {confirmInvalid && (
            <p class="field-error" id="field-confirm-error">
              {errors.confirm!.join(' ')}
            </p>
          )}
          <button type="submit" class="danger">
            Merge the records
          </button>
        </form>
      )}
      {!blocked && <Notice kind="info">The merge is recorded in the audit log of both records.</Notice>}
    </Layout>
  );
}

interface ComparisonRow {
  label: string;
  first: string;
  second: string;
  /** null where sameness means nothing (the PersonalIDs always differ). */
  same: boolean | null;
}

function comparisonRows(ctx: PageContext, a: MergeSide, b: MergeSide): ComparisonRow[] {
  const row = (label: string, of: (side: MergeSide) => string, sameWhen?: ((x: MergeSide, y: MergeSide) => boolean) | null): ComparisonRow => {
    const first = of(a);
    const second = of(b);
    return { label, first, second, same: sameWhen === null ? null : sameWhen ? sameWhen(a, b) : first === second };
  };
  return [
    row('PersonalID', (s) => s.client.personalId, null),
    row('Name', (s) => clientName(s.client)),
    row('Name data quality', (s) => labelOf(NAME_DATA_QUALITY, s.client.nameDataQuality)),
    // Masked SSNs can look alike while differing: compare the stored values.
    row('SSN', (s) => maskSsn(s.client.ssn), (x, y) => x.client.ssn === y.client.ssn),
    row('SSN data quality', (s) => labelOf(SSN_DATA_QUALITY, s.client.ssnDataQuality)),
    row('Date of birth', (s) => formatDob(s.client.dob)),
    row('DOB data quality', (s) => labelOf(DOB_DATA_QUALITY, s.client.dobDataQuality)),
    row('Race and ethnicity', (s) => raceText(s.client)),
    row('Sex', (s) => labelOf(SEX, s.client.sex)),
    row('Veteran status', (s) => labelOf(VETERAN_STATUS, s.client.veteranStatus)),
    row('Created', (s) => formatDateTime(s.client.dateCreated, ctx.timeZone)),
    row('Last changed', (s) => `${formatDateTime(s.client.dateUpdated, ctx.timeZone)} by ${s.client.userId}`),
    row('Enrollments', (s) => String(s.counts.enrollments)),
    row('Exits', (s) => String(s.counts.exits)),
  ];
}

function raceText(client: Client): string {
  const races = RACE_FIELDS.filter((r) => client.races[r.column] === 1).map((r) => r.label);
  const text = races.length ? races.join('; ') : labelOf(RACE_NONE, client.raceNone);
  return client.additionalRaceEthnicity ? `${text} (${client.additionalRaceEthnicity})` : text;
}
