import { formatDob } from '../client-fields.js';
import type { Client } from '../clients.service.js';
import { maskSsn } from '../ssn.js';
import { DOB_DATA_QUALITY, labelOf, NAME_DATA_QUALITY, RACE_FIELDS, RACE_NONE, SEX, SSN_DATA_QUALITY, VETERAN_STATUS } from '../../hud/client-code-lists.js';
import { Notice } from '../../views/components.js';
import { formatDateTime } from '../../views/format.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { clientName } from './client-name.js';

export function ClientProfilePage(props: { ctx: PageContext; client: Client; done?: 'created' | 'saved' | null }) {
  const { ctx, client } = props;
  const races = RACE_FIELDS.filter((r) => client.races[r.column] === 1).map((r) => r.label);
  return (
    <Layout ctx={ctx} title={clientName(client)}>
      <p>
        <a href={sitePath(ctx, 'clients')}>← Search clients</a>
      </p>
      {props.done === 'created' && <Notice kind="success">The client was created.</Notice>}
      {props.done === 'saved' && <Notice kind="success">Your changes were saved.</Notice>}
      <h1>{clientName(client)}</h1>
      <dl class="facts">
        <dt>PersonalID</dt>
        <dd>
          <code>{client.personalId}</code>
        </dd>
        <dt>Name data quality</dt>
        <dd>{labelOf(NAME_DATA_QUALITY, client.nameDataQuality)}</dd>
        <dt>SSN</dt>
        <dd>{maskSsn(client.ssn)}</dd>
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
          {formatDateTime(client.dateUpdated, ctx.timeZone)} by {client.userId}
        </dd>
      </dl>
      <p>
        <a href={sitePath(ctx, `clients/${client.personalId}/edit`)}>Edit</a>
      </p>
    </Layout>
  );
}
