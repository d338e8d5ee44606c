import type { AuditRecord } from '../../audit/audit.model.js';
import { AuditTable } from '../../audit/audit.page.js';
import type { Client } from '../clients.model.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { clientName } from '../client-name.js';

export interface ClientHistoryPageProps {
  ctx: PageContext;
  client: Client;
  /** Records merged into this client: their entries are part of its history. */
  mergedIds: readonly string[];
  entries: readonly AuditRecord[];
  /** Set when there are older entries than the last one shown. */
  olderBeforeId: string | null;
  isOlderPage: boolean;
}

/** One client's audit trail, for administrators: who viewed, changed, revealed, merged or enrolled, and when. */
export function ClientHistoryPage(props: ClientHistoryPageProps) {
  const { ctx, client, mergedIds } = props;
  const name = clientName(client);
  const base = sitePath(ctx, `clients/${client.personalId}/history`);
  return (
    <Layout ctx={ctx} title={`History · ${name}`}>
      <p>
        <a href={sitePath(ctx, `clients/${client.personalId}`)}>← Back to the client</a>
      </p>
      <h1>History of {name}</h1>
      <p class="lede">
        Every view, creation, change, SSN reveal, merge and enrollment recorded about this client, newest first, with
        who did it and from which IP address. Times are in {ctx.timeZone}. Searches are in the{' '}
        <a href={`${sitePath(ctx, 'admin/audit')}?event=client.searched`}>audit log</a>.
      </p>
      {mergedIds.length > 0 && (
        <p>
          Includes the {mergedIds.length === 1 ? 'record' : 'records'} merged into this one:{' '}
          {mergedIds.map((id, i) => (
            <>
              {i > 0 && ', '}
              <code>{id}</code>
            </>
          ))}
          .
        </p>
      )}
      <AuditTable
        ctx={ctx}
        entries={props.entries}
        caption={props.isOlderPage ? `Older entries about ${name}` : `Entries about ${name}, newest first`}
        forClient={{ showRecord: mergedIds.length > 0 }}
      />
      <nav class="pagination" aria-label="History pages">
        {props.isOlderPage && <a href={base}>Newest entries</a>}
        {props.olderBeforeId && <a href={`${base}?beforeId=${props.olderBeforeId}`}>Older entries</a>}
      </nav>
    </Layout>
  );
}
