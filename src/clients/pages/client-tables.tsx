import type { ComponentChildren } from 'preact';
import { formatDob } from '../client-fields.js';
import { clientName } from '../client-name.js';
import type { Client } from '../clients.model.js';
import { maskSsn } from '../ssn.js';
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
  return (
    <div class="table-wrap">
      <table class={props.class}>
        <caption class={props.hiddenCaption ? 'visually-hidden' : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Date of birth</th>
            <th scope="col">SSN</th>
            {props.reasons && <th scope="col">Same</th>}
            {props.showPersonalId && <th scope="col">PersonalID</th>}
            {props.action && (
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {props.clients.map((client, i) => (
            <tr>
              <td>{props.action ? clientName(client) : <a href={sitePath(ctx, `clients/${client.personalId}`)}>{clientName(client)}</a>}</td>
              <td>{formatDob(client.dob)}</td>
              <td>{maskSsn(client.ssn)}</td>
              {props.reasons && <td>{props.reasons[i]}</td>}
              {props.showPersonalId && (
                <td>
                  <code>{client.personalId}</code>
                </td>
              )}
              {props.action && (
                <td>
                  <a href={props.action.href(client)} aria-label={props.action.describe(client)}>
                    {props.action.label}
                  </a>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
