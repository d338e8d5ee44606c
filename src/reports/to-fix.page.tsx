import { ROLE_NAMES } from '../access/access-policy.js';
import type { StaffMember } from '../access/access.model.js';
import { Notice } from '../views/components.js';
import { DateField, SelectField } from '../views/form-kit.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';
import type { DrillDownClient } from './report-runs.model.js';
import { usDate } from './reports.page.js';
import type { FixPlace, ToFixList } from './to-fix.model.js';

const nameOf = (m: StaffMember) => `${m.firstName} ${m.lastName}`.trim() || m.username;

/** The page (and form) that fixes an element: the drill-down's links, made precise where the element says where. */
function fixPath(fix: FixPlace, client: DrillDownClient): string {
  switch (fix) {
    case 'client':
      return `clients/${client.personalId}/edit`;
    case 'entry':
      return `enrollments/${client.enrollmentId}/edit`;
    case 'exit':
      return `enrollments/${client.enrollmentId}/exit`;
    case 'assessments':
      return `enrollments/${client.enrollmentId}#assessments-heading`;
    case 'enrollment':
      return `enrollments/${client.enrollmentId}`;
  }
}

const FIX_LABELS: Readonly<Record<FixPlace, string>> = {
  client: 'Fix the client record',
  entry: 'Fix the entry answers',
  exit: 'Fix the exit',
  assessments: 'Record or correct the assessment',
  enrollment: 'Open the enrollment',
};

/** One user's clients with missing or invalid elements, grouped per client, each element with where to fix it. */
export function ToFixPage(props: { ctx: PageContext; list: ToFixList; own: boolean }) {
  const { ctx, list } = props;
  const whose = props.own ? 'Your records to fix' : `Records to fix of ${nameOf(list.subject)}`;
  const title = `${whose}, ${usDate(list.from)} to ${usDate(list.to)}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lede">
        The clients of the enrollments {props.own ? 'you' : nameOf(list.subject)} recorded that the HMIS Data Quality report
        flags, with each missing or invalid element and a link to the form that fixes it. Computed live from today’s records.
      </p>
      <form method="get" action={sitePath(ctx, 'data-quality/to-fix')} class="stack narrow">
        {list.choices.length > 0 && (
          <SelectField
            name="user"
            label="Whose list"
            emptyLabel={null}
            value={String(list.subject.userId)}
            choices={list.choices.map((m) => ({ value: String(m.userId), label: `${nameOf(m)} (${ROLE_NAMES[m.role]}${m.active ? '' : ', deactivated'})` }))}
          />
        )}
        <DateField name="from" label="First day" value={usDate(list.from)} />
        <DateField name="to" label="Last day" value={usDate(list.to)} />
        <button type="submit">Show this list</button>
      </form>
      {list.hidden > 0 && (
        <Notice kind="warning">
          {list.hidden} more {list.hidden === 1 ? 'client has' : 'clients have'} something to fix in agencies whose enrollments you
          may not see, so {list.hidden === 1 ? 'that client is' : 'they are'} not listed.
        </Notice>
      )}
      {list.clients.length === 0 ? (
        <p role="status">Nothing to fix: no client of these enrollments is flagged by the Data Quality report in this period.</p>
      ) : (
        <>
          <p role="status">
            {list.clients.length} {list.clients.length === 1 ? 'client has' : 'clients have'} something to fix.
          </p>
          {list.clients.map(({ client, issues }) => (
            <section aria-labelledby={`c-${client.enrollmentId}`}>
              <h2 id={`c-${client.enrollmentId}`}>
                <a href={sitePath(ctx, `clients/${client.personalId}`)}>{client.clientName}</a>
              </h2>
              <p>
                {client.projectName}, from {usDate(client.entryDate)} {client.exitDate ? `to ${usDate(client.exitDate)}` : '(still enrolled)'} ·{' '}
                <a href={sitePath(ctx, `enrollments/${client.enrollmentId}`)}>
                  Enrollment<span class="visually-hidden"> of {client.clientName}</span>
                </a>
              </p>
              <ul>
                {issues.map((issue) => (
                  <li>
                    <strong>{issue.element}</strong>: {issue.problem} ({issue.question}) ·{' '}
                    <a href={sitePath(ctx, fixPath(issue.fix, client))}>
                      {FIX_LABELS[issue.fix]}
                      <span class="visually-hidden">
                        {' '}
                        of {client.clientName}: {issue.element}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}
