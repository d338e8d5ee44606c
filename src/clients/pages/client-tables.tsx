import type { ComponentChildren } from 'preact';
import { formatDob } from '../client-fields.js';
import { clientName } from '../client-name.js';
import type { Client } from '../clients.model.js';
import { maskSsn } from '../ssn.js';
import { DataTable } from '../../views/data-table.js';
import { sitePath, type PageContext } from '../../views/page-context.js';

/**
 * Clients in a table, as every client list shows them: name (linked to the profile unless `action` is given), date of
 * birth, masked SSN, then the optional columns: why each is listed (`reasons`), its PersonalID, and an action link.
 */
export function ClientsTable(props: {
  ctx: PageContext;
  clients: readonly Client[];
  /** A visible caption, or (with `hiddenCaption`) a label for screen readers only. */
  caption: string;
  hiddenCaption?: boolean;
  class?: string;
  /** One text per client: what it shares with the record at hand. */
  reasons?: readonly string[];
  showPersonalId?: boolean;
  action?: { label: string; href: (client: Client) => string; describe: (client: Client) => string };
}) {
  const { ctx } = props;
  const { action, reasons } = props;
  return (
    <DataTable
      class={props.class}
      caption={props.caption}
      hiddenCaption={props.hiddenCaption}
      rows={props.clients}
      columns={[
        { header: 'Name', cell: (client) => (action ? clientName(client) : <a href={sitePath(ctx, `clients/${client.personalId}`)}>{clientName(client)}</a>) },
        { header: 'Date of birth', cell: (client) => formatDob(client.dob) },
        { header: 'SSN', cell: (client) => maskSsn(client.ssn) },
        reasons && { header: 'Same', cell: (_client, i) => reasons[i] },
        props.showPersonalId && { header: 'PersonalID', cell: (client) => <code>{client.personalId}</code> },
        action && {
          header: 'Action',
          hidden: true,
          cell: (client) => (
            <a href={action.href(client)} aria-label={action.describe(client)}>
              {action.label}
            </a>
          ),
        },
      ]}
    />
  );
}

/** "Back to …": the link above a client page's heading. */
export function BackLink(props: { href: string; children: ComponentChildren }) {
  return (
    <p>
      <a href={props.href}>← {props.children}</a>
    </p>
  );
}
