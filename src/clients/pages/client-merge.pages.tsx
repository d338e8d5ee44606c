import { formatDob } from '../client-fields.js';
import type { Client, MergeComparison, MergeSide, MergeStay, OverlappingStays, PossibleDuplicate } from '../clients.model.js';
import { overlappingStaysMessage, type SearchResult } from '../clients.service.js';
import { maskSsn } from '../ssn.js';
import { DOB_DATA_QUALITY, labelOf, NAME_DATA_QUALITY, RACE_FIELDS, RACE_NONE, SEX, SSN_DATA_QUALITY, VETERAN_STATUS } from '../../hud/client-code-lists.js';
import { Notice } from '../../views/components.js';
import { CheckboxField, ErrorSummary, PostForm, RadioField, TextField, type FormFailure } from '../../views/form-kit.js';
import { formatDateTime } from '../../views/format.js';
import { Layout } from '../../views/layout.js';
import { byWhom, sitePath, type PageContext } from '../../views/page-context.js';
import { clientName } from '../client-name.js';
import { ClientSearchForm } from './client-search-form.js';
import { BackLink, ClientsTable } from './client-tables.js';

export interface MergeChoosePageProps {
  ctx: PageContext;
  client: Client;
  duplicates: readonly PossibleDuplicate[];
  /** The search typed on this page, and what it found (the client itself left out). */
  q: string;
  searchResult: SearchResult | null;
  /** The PersonalID typed, kept when it is refused. */
  other: string;
  failure?: FormFailure | null;
}

/** Step 1 of a merge: which record is the same person? Nothing changes on this page. */
export function MergeChoosePage(props: MergeChoosePageProps) {
  const { ctx, client } = props;
  const name = clientName(client);
  const compare = {
    label: 'Compare',
    href: (other: Client) => `${sitePath(ctx, `clients/${client.personalId}/merge/compare`)}?other=${other.personalId}`,
    describe: (other: Client) => `Compare with ${clientName(other)} (${other.personalId})`,
  };
  const found = props.searchResult?.clients.filter((c) => c.personalId !== client.personalId) ?? [];
  return (
    <Layout ctx={ctx} title={`Merge · ${name}`}>
      <BackLink href={sitePath(ctx, `clients/${client.personalId}`)}>Back to the client</BackLink>
      <h1>Merge {name} with another record</h1>
      <p class="lede">
        Choose the other record of the same person. You will see both side by side and choose which one to keep
        before anything changes.
      </p>
      <ErrorSummary failure={props.failure} />
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
          <ClientsTable
            ctx={ctx}
            caption="Records sharing at least two of SSN, name and date of birth"
            clients={props.duplicates.map((d) => d.client)}
            reasons={props.duplicates.map((d) => d.reasons.join(', '))}
            showPersonalId
            action={compare}
          />
        )}
      </section>

      <section aria-labelledby="by-id-heading">
        <h2 id="by-id-heading">By PersonalID</h2>
        <form method="get" action={sitePath(ctx, `clients/${client.personalId}/merge/compare`)} class="stack narrow" novalidate>
          <TextField name="other" label="PersonalID of the other record" value={props.other} maxLength={100} autocomplete="off" hint="32 characters, shown on the client’s page" errors={props.failure?.errors.other} />
          <button type="submit" class="primary">
            Compare
          </button>
        </form>
      </section>

      <section aria-labelledby="search-heading">
        <h2 id="search-heading">Search</h2>
        <ClientSearchForm ctx={ctx} action={`clients/${client.personalId}/merge`} q={props.q} id="field-merge-q" ariaLabel="Search for the other record" />
        {props.searchResult && props.searchResult.kind !== 'empty' && (
          found.length === 0 ? (
            <p class="empty" role="status">
              No other client found.
            </p>
          ) : (
            <ClientsTable ctx={ctx} caption={`Search results for “${props.q}”`} clients={found} showPersonalId action={compare} />
          )
        )}
      </section>
    </Layout>
  );
}

export interface MergeComparePageProps {
  ctx: PageContext;
  comparison: MergeComparison;
  /** The choices as sent, kept when the merge is refused. */
  keep: string;
  confirmed: boolean;
  failure?: FormFailure | null;
}

/** Step 2: both records side by side, which one to keep, and a deliberate confirmation. */
export function MergeComparePage(props: MergeComparePageProps) {
  const { ctx, comparison } = props;
  const errors = props.failure?.errors ?? {};
  const [first, second] = comparison.records;
  const rows = comparisonRows(ctx, first, second);
  const blocked = comparison.sharedHouseholds.length > 0 || comparison.overlappingStays.length > 0;
  return (
    <Layout ctx={ctx} title="Compare and merge client records">
      <BackLink href={sitePath(ctx, `clients/${first.client.personalId}/merge`)}>Choose a different record</BackLink>
      <h1>Compare and merge client records</h1>
      <ErrorSummary failure={props.failure} />
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
        <div class="notice error" role="alert" id="merge-blocked">
          <p>
            <strong>These records cannot be merged.</strong>
          </p>
          {comparison.sharedHouseholds.length > 0 && (
            <p>
              Both are members of the same household (HouseholdID {comparison.sharedHouseholds.join(', ')}), and one person
              cannot be in a household twice. Correct that household first.
            </p>
          )}
          {comparison.overlappingStays.length > 0 && <OverlappingStaysList ctx={ctx} pairs={comparison.overlappingStays} />}
        </div>
      ) : (
        <PostForm ctx={ctx} action={`clients/${first.client.personalId}/merge`} class="stack narrow">
          <input type="hidden" name="other" value={second.client.personalId} />
          <RadioField
            name="keep"
            label="Which record do you keep?"
            hint="The kept record’s answers stay as they are (edit it afterwards to take over anything from the other). Every enrollment and exit of the other record moves to it, and it keeps the earlier creation date. The other record is deleted; its PersonalID leads to the kept one."
            value={props.keep}
            choices={[first, second].map((side, i) => ({
              value: side.client.personalId,
              label: `Keep ${i === 0 ? 'this record' : 'the other record'}: ${clientName(side.client)} (PersonalID ${side.client.personalId}, created ${formatDateTime(side.client.dateCreated, ctx.timeZone)})`,
            }))}
            errors={errors.keep}
          />
          <CheckboxField name="confirm" value="yes" label="I have compared both records: they are the same person. A merge cannot be undone." checked={props.confirmed} errors={errors.confirm} />
          <button type="submit" class="danger">
            Merge the records
          </button>
        </PostForm>
      )}
      {!blocked && <Notice kind="info">The merge is recorded in the audit log of both records.</Notice>}
    </Layout>
  );
}

function stayText(stay: MergeStay): string {
  return `${formatDob(stay.entryDate)} to ${stay.exitDate ? formatDob(stay.exitDate) : 'now (still enrolled)'}`;
}

/** The stays in the way of a merge, each linked, and how an administrator resolves them. */
function OverlappingStaysList(props: { ctx: PageContext; pairs: readonly OverlappingStays[] }) {
  const link = (stay: MergeStay) => <a href={sitePath(props.ctx, `enrollments/${stay.enrollmentId}`)}>{stayText(stay)}</a>;
  return (
    <>
      <p>{overlappingStaysMessage(props.pairs.length)}</p>
      <ul class="overlapping-stays">
        {props.pairs.map((pair) => (
          <li>
            {pair.projectName}: this record’s stay {link(pair.stays[0])} and the other record’s stay {link(pair.stays[1])}
          </li>
        ))}
      </ul>
    </>
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
    row('Last changed', (s) => `${formatDateTime(s.client.dateUpdated, ctx.timeZone)} by ${byWhom(ctx, s.client.userId)}`),
    row('Enrollments', (s) => String(s.counts.enrollments)),
    row('Exits', (s) => String(s.counts.exits)),
  ];
}

function raceText(client: Client): string {
  const races = RACE_FIELDS.filter((r) => client.races[r.column] === 1).map((r) => r.label);
  const text = races.length ? races.join('; ') : labelOf(RACE_NONE, client.raceNone);
  return client.additionalRaceEthnicity ? `${text} (${client.additionalRaceEthnicity})` : text;
}
