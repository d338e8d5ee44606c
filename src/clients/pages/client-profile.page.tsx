import { formatDob } from '../client-fields.js';
import type { Client } from '../clients.model.js';
import { maskSsn } from '../ssn.js';
import { DOB_DATA_QUALITY, labelOf, NAME_DATA_QUALITY, RACE_FIELDS, RACE_NONE, SEX, SSN_DATA_QUALITY, VETERAN_STATUS } from '../../hud/client-code-lists.js';
import { Notice } from '../../views/components.js';
import { PostForm } from '../../views/form-kit.js';
import { formatDateTime } from '../../views/format.js';
import { Layout } from '../../views/layout.js';
import { savedBy, sitePath, type PageContext } from '../../views/page-context.js';
import { clientName } from '../client-name.js';
import { BackLink } from './client-tables.js';
import { ClientEnrollmentsSection } from '../../enrollments/pages/client-enrollments.js';
import type { ProjectEnrollments } from '../../enrollments/enrollments.model.js';

/** What the viewer may do beyond reading (decided by the access policy in the route). */
export interface ClientProfileActions {
  canMerge: boolean;
  canReadHistory: boolean;
}

export function ClientProfilePage(props: {
  ctx: PageContext;
  client: Client;
  done?: 'created' | 'saved' | 'merged' | null;
  /** The PersonalID that was opened, when it had been merged into this client. */
  mergedFrom?: string | null;
  actions?: ClientProfileActions;
  /** The client's enrollments the viewer may see (src/enrollments), and whether they may enroll the client. */
  enrollments?: { groups: readonly ProjectEnrollments[]; canEnroll: boolean };
}) {
  const { ctx, client, actions } = props;
  const races = RACE_FIELDS.filter((r) => client.races[r.column] === 1).map((r) => r.label);
  return (
    <Layout ctx={ctx} title={clientName(client)}>
      <BackLink href={sitePath(ctx, 'clients')}>Search clients</BackLink>
      {props.done === 'created' && <Notice kind="success">The client was created.</Notice>}
      {props.done === 'saved' && <Notice kind="success">Your changes were saved.</Notice>}
      {props.done === 'merged' && <Notice kind="success">The records were merged into this one. Its enrollments now include those of the other record.</Notice>}
      {props.mergedFrom && (
        <Notice kind="info">
          The record you opened (PersonalID <code>{props.mergedFrom}</code>) was merged into this client’s record. Use this
          record from now on.
        </Notice>
      )}
      <h1>{clientName(client)}</h1>
      <dl class="facts">
        <dt>PersonalID</dt>
        <dd>
          <code>{client.personalId}</code>
        </dd>
        <dt>Name data quality</dt>
        <dd>{labelOf(NAME_DATA_QUALITY, client.nameDataQuality)}</dd>
        <dt>SSN</dt>
        <dd>
          {maskSsn(client.ssn)}
          {client.ssn && (
            <PostForm ctx={ctx} action={`clients/${client.personalId}/ssn`} class="inline reveal-ssn">
              {' '}
              <button type="submit" class="link-button" aria-describedby="reveal-ssn-hint">
                Show full SSN
              </button>{' '}
              <span class="hint" id="reveal-ssn-hint">
                (recorded in the audit log)
              </span>
            </PostForm>
          )}
        </dd>
        <dt>SSN data quality</dt>
        <dd>{labelOf(SSN_DATA_QUALITY, client.ssnDataQuality)}</dd>
        <dt>Date of birth</dt>
        <dd>{formatDob(client.dob)}</dd>
        <dt>DOB data quality</dt>
        <dd>{labelOf(DOB_DATA_QUALITY, client.dobDataQuality)}</dd>
        <dt>Race and ethnicity</dt>
        <dd>{races.length ? races.join('; ') : labelOf(RACE_NONE, client.raceNone)}</dd>
        {client.additionalRaceEthnicity && (
          <>
            <dt>Additional race and ethnicity detail</dt>
            <dd>{client.additionalRaceEthnicity}</dd>
          </>
        )}
        <dt>Sex</dt>
        <dd>{labelOf(SEX, client.sex)}</dd>
        <dt>Veteran status</dt>
        <dd>{labelOf(VETERAN_STATUS, client.veteranStatus)}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(client.dateCreated, ctx.timeZone)}</dd>
        <dt>Last changed</dt>
        <dd>
          {savedBy(ctx, client)}
        </dd>
      </dl>
      <ul class="actions" aria-label="Client record actions">
        <li>
          <a href={sitePath(ctx, `clients/${client.personalId}/edit`)}>Edit</a>
        </li>
        {actions?.canMerge && (
          <li>
            <a href={sitePath(ctx, `clients/${client.personalId}/merge`)}>Merge with another record</a>
          </li>
        )}
        {actions?.canReadHistory && (
          <li>
            <a href={sitePath(ctx, `clients/${client.personalId}/history`)}>History: who viewed or changed this record</a>
          </li>
        )}
      </ul>
      {props.enrollments && (
        <ClientEnrollmentsSection ctx={ctx} personalId={client.personalId} groups={props.enrollments.groups} canEnroll={props.enrollments.canEnroll} />
      )}
    </Layout>
  );
}
