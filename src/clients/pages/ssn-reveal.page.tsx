import { formatDob } from '../client-fields.js';
import type { Client } from '../clients.model.js';
import { formatFullSsn } from '../ssn.js';
import { labelOf, SSN_DATA_QUALITY } from '../../hud/client-code-lists.js';
import { Notice } from '../../views/components.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { clientName } from '../client-name.js';
import { BackLink } from './client-tables.js';

/**
 * The one page that shows a full SSN: the answer to the POST that asked for it (never a GET, never cached,
 * audited before it is drawn).
 */
export function SsnRevealPage(props: { ctx: PageContext; client: Client & { ssn: string } }) {
  const { ctx, client } = props;
  const name = clientName(client);
  return (
    <Layout ctx={ctx} title={`Full SSN · ${name}`}>
      <BackLink href={sitePath(ctx, `clients/${client.personalId}`)}>Back to the client</BackLink>
      <h1>Full SSN of {name}</h1>
      <Notice kind="info">
        Your viewing of this SSN was recorded in the audit log, with your username, the time and your IP address. It
        is shown on this page only and is not kept in your browser’s cache; everywhere else it stays masked.
      </Notice>
      <dl class="facts">
        <dt>Name</dt>
        <dd>{name}</dd>
        <dt>Date of birth</dt>
        <dd>{formatDob(client.dob)}</dd>
        <dt>PersonalID</dt>
        <dd>
          <code>{client.personalId}</code>
        </dd>
        <dt>SSN</dt>
        <dd>
          <span class="secret" id="full-ssn">
            {formatFullSsn(client.ssn)}
          </span>
        </dd>
        <dt>SSN data quality</dt>
        <dd>{labelOf(SSN_DATA_QUALITY, client.ssnDataQuality)}</dd>
      </dl>
      {client.ssn.includes('x') && <p class="hint">An x stands for a digit that is not known.</p>}
    </Layout>
  );
}
