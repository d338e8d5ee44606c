import { formatDob } from '../client-fields.js';
import { SEARCH_HELP } from '../client-search.js';
import type { SearchResult } from '../clients.service.js';
import { maskSsn } from '../ssn.js';
import { ErrorSummary } from '../../views/components.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { clientName } from '../client-name.js';

const KIND_NAMES: Record<SearchResult['kind'], string> = {
  empty: '',
  'personal-id': 'PersonalID',
  ssn: 'SSN',
  'ssn-last4': 'last 4 digits of the SSN',
  dob: 'date of birth',
  name: 'name',
};

const ALSO_NAMES: Record<SearchResult['with'][number], string> = {
  dob: 'date of birth',
  'ssn-last4': 'last 4 digits of the SSN',
  ssn: 'SSN',
};

/** "name", "name and date of birth", "name, date of birth and last 4 digits of the SSN". */
function foundBy(result: SearchResult): string {
  const parts = [KIND_NAMES[result.kind], ...result.with.map((w) => ALSO_NAMES[w])];
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

function ResultsTable(props: { ctx: PageContext; clients: SearchResult['clients']; label: string }) {
  return (
    <table class="results" aria-label={props.label}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Date of birth</th>
          <th scope="col">SSN</th>
          <th scope="col">PersonalID</th>
        </tr>
      </thead>
      <tbody>
        {props.clients.map((client) => (
          <tr>
            <td>
              <a href={sitePath(props.ctx, `clients/${client.personalId}`)}>{clientName(client)}</a>
            </td>
            <td>{formatDob(client.dob)}</td>
            <td>{maskSsn(client.ssn)}</td>
            <td>
              <code>{client.personalId}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ClientSearchPage(props: { ctx: PageContext; q: string; result: SearchResult | null; error?: string | null }) {
  const { ctx, q, result } = props;
  return (
    <Layout ctx={ctx} title="Clients" quickSearch={false}>
      <h1>Clients</h1>
      <form method="get" action={sitePath(ctx, 'clients')} class="search" role="search">
        <label for="field-q">Search clients</label>
        <p class="hint" id="field-q-hint">
          {SEARCH_HELP}
        </p>
        <input id="field-q" name="q" type="search" value={q} maxLength={200} autocomplete="off" aria-describedby="field-q-hint" autofocus />
        <button type="submit" class="primary">
          Search
        </button>
      </form>
      <ErrorSummary message={props.error} />
      {result && result.kind !== 'empty' && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            {result.clients.length === 0 ? 'No clients found' : `${result.clients.length} client${result.clients.length === 1 ? '' : 's'} found`} by {foundBy(result)}
          </h2>
          {result.clients.length > 0 && <ResultsTable ctx={ctx} clients={result.clients} label="Clients found" />}
        </section>
      )}
      {result && result.lessLikely.length > 0 && (
        <section aria-labelledby="less-likely-heading">
          <h2 id="less-likely-heading">Less likely matches</h2>
          <p class="hint">These names are only somewhat like what you typed. Check the date of birth before choosing one.</p>
          <ResultsTable ctx={ctx} clients={result.lessLikely} label="Less likely matches" />
        </section>
      )}
      <p>
        Not found? <a href={sitePath(ctx, 'clients/new')}>Create a new client</a>.
      </p>
    </Layout>
  );
}
