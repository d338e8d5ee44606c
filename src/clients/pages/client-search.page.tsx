import type { SearchResult } from '../clients.service.js';
import { ErrorSummary, type FormFailure } from '../../views/form-kit.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { ClientSearchForm } from './client-search-form.js';
import { ClientsTable } from './client-tables.js';

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

export function ClientSearchPage(props: { ctx: PageContext; q: string; result: SearchResult | null; failure?: FormFailure | null }) {
  const { ctx, q, result } = props;
  return (
    <Layout ctx={ctx} title="Clients" quickSearch={false}>
      <h1>Clients</h1>
      <ClientSearchForm ctx={ctx} action="clients" q={q} autofocus primary />
      <ErrorSummary failure={props.failure} />
      {result && result.kind !== 'empty' && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            {result.clients.length === 0 ? 'No clients found' : `${result.clients.length} client${result.clients.length === 1 ? '' : 's'} found`} by {foundBy(result)}
          </h2>
          {result.clients.length > 0 && <ClientsTable ctx={ctx} clients={result.clients} caption="Clients found" hiddenCaption class="results" showPersonalId />}
        </section>
      )}
      {result && result.lessLikely.length > 0 && (
        <section aria-labelledby="less-likely-heading">
          <h2 id="less-likely-heading">Less likely matches</h2>
          <p class="hint">These names are only somewhat like what you typed. Check the date of birth before choosing one.</p>
          <ClientsTable ctx={ctx} clients={result.lessLikely} caption="Less likely matches" hiddenCaption class="results" showPersonalId />
        </section>
      )}
      <p>
        Not found? <a href={sitePath(ctx, 'clients/new')}>Create a new client</a>.
      </p>
    </Layout>
  );
}
