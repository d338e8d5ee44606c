import { label, PROJECT_TYPE } from '../../hud/code-lists.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import { formatDay, type MemberEntryInput } from '../enrollment-fields.js';
import { clientName } from '../../clients/client-name.js';
import type { ClientSummary } from '../../clients/clients.model.js';
import type { HouseholdPlan, HouseholdStepValues, ProjectChoice } from '../enrollments.model.js';
import { collects3917, MAX_HOUSEHOLD_SIZE } from '../enrollments.service.js';
import { DateField, PostForm, SelectField, TextField, WarningConfirmation, type ChoiceGroup, type FormFailure } from '../../views/form-kit.js';
import { EnrollmentCocField, FormMessage, FormProblems, MemberEntryFields } from './fields.js';

export interface SearchHit {
  client: ClientSummary;
  /** Already in the household. */
  chosen: boolean;
}

interface Problems {
  failure?: FormFailure | null;
}

function projectGroups(projects: readonly ProjectChoice[]): ChoiceGroup[] {
  const groups = new Map<string, ChoiceGroup>();
  for (const p of projects) {
    const group = groups.get(p.organizationId) ?? { label: p.organizationName, choices: [] };
    const type = p.projectType === null ? '' : ` — ${label(PROJECT_TYPE, p.projectType)}`;
    const ended = p.ended ? ` (ended ${formatDay(p.operatingEndDate)})` : '';
    group.choices.push({ value: p.projectId, label: `${p.projectName}${type}${ended}` });
    groups.set(p.organizationId, group);
  }
  return [...groups.values()];
}

function bornText(client: ClientSummary): string {
  return client.dob ? `born ${formatDay(client.dob)}` : 'date of birth unknown';
}

/**
 * Step one of enrolling, without JavaScript: a GET form that carries the household in its fields. Buttons
 * add clients found by a search or typed by PersonalID, remove members, and continue to step two.
 */
export function HouseholdStepPage(props: Problems & {
  ctx: PageContext;
  client: ClientSummary;
  projects: readonly ProjectChoice[];
  values: HouseholdStepValues;
  /** The search typed. */
  q: string;
  search: SearchHit[] | null;
  searchError?: string | null;
}) {
  const { ctx, client, values } = props;
  const errors = props.failure?.errors ?? {};
  return (
    <Layout ctx={ctx} title="Enroll in a project">
      <p>
        <a href={sitePath(ctx, `clients/${client.personalId}`)}>← {clientName(client)}</a>
      </p>
      <h1>Enroll in a project</h1>
      <p class="lede">Step 1 of 2: the project, the entry date and who is in the household.</p>
      <FormProblems ctx={ctx} failure={props.failure} />
      <form method="get" action={sitePath(ctx, 'enrollments/new')} class="stack" novalidate>
        {/* Pressing Enter in a box applies what was typed there (search, add) rather than pressing another button. */}
        <button type="submit" name="action" value="refresh" class="visually-hidden" tabindex={-1}>
          Update
        </button>
        <input type="hidden" name="client" value={client.personalId} />
        {values.others.map((c) => (
          <input type="hidden" name="member" value={c.personalId} />
        ))}
        <SelectField
          name="projectId"
          label="Project"
          value={values.projectId}
          groups={projectGroups(props.projects)}
          hint="Projects of the agencies you work for."
          errors={errors.projectId}
        />
        <DateField name="entryDate" label="Entry date (project start)" value={values.entryDate} errors={errors.entryDate} />

        <section aria-labelledby="household-heading">
          <h2 id="household-heading">Household</h2>
          <p class="hint">
            Everyone who enters together shares one household. You will choose the head of household and each member’s relationship in
            step 2. At most {MAX_HOUSEHOLD_SIZE} people.
          </p>
          <FormMessage name="members" errors={errors.members} />
          <table>
            <caption class="visually-hidden">Members of the household</caption>
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Date of birth</th>
                <th scope="col">PersonalID</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[client, ...values.others].map((c, i) => (
                <tr>
                  <th scope="row">{clientName(c)}</th>
                  <td>{c.dob ? formatDay(c.dob) : 'Unknown'}</td>
                  <td>
                    <code>{c.personalId}</code>
                  </td>
                  <td>
                    {i === 0 ? (
                      <span class="muted">Enrolling</span>
                    ) : (
                      <button type="submit" name="remove" value={c.personalId} class="link-button">
                        Remove<span class="visually-hidden"> {clientName(c)}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <fieldset>
            <legend>Add a household member</legend>
            <TextField name="addId" label="By PersonalID" value={values.addId} maxLength={40} autocomplete="off" errors={errors.addId} />
            <button type="submit" name="action" value="add">
              Add
            </button>
            <TextField name="q" type="search" label="Or search by name, date of birth or last 4 of the SSN" value={props.q} maxLength={200} autocomplete="off" />
            <button type="submit" name="action" value="search">
              Search
            </button>
            {props.searchError && (
              <p class="field-error" role="alert">
                {props.searchError}
              </p>
            )}
            {props.search && (
              <div class="stack">
                {props.search.length === 0 ? (
                  <p>No clients found. Create the client first from the Clients page, then add them here.</p>
                ) : (
                  <fieldset>
                    <legend>Clients found: choose who to add</legend>
                    {props.search.map((hit) => (
                      <div class="field checkbox">
                        <input
                          id={`field-add-${hit.client.personalId}`}
                          type="checkbox"
                          name="add"
                          value={hit.client.personalId}
                          disabled={hit.chosen}
                          checked={hit.chosen}
                        />
                        <label for={`field-add-${hit.client.personalId}`}>
                          {clientName(hit.client)} <span class="muted">({bornText(hit.client)}){hit.chosen ? ', already in the household' : ''}</span>
                        </label>
                      </div>
                    ))}
                  </fieldset>
                )}
                {props.search.some((h) => !h.chosen) && (
                  <button type="submit" name="action" value="add">
                    Add the chosen clients
                  </button>
                )}
              </div>
            )}
          </fieldset>
        </section>
        <button type="submit" name="action" value="continue" class="primary">
          Continue to step 2
        </button>
      </form>
    </Layout>
  );
}

/** The query string that brings step one back with this household. */
export function householdStepQuery(client: ClientSummary, values: { projectId: string; entryDate: string; others: readonly ClientSummary[] }): string {
  const params = new URLSearchParams({ client: client.personalId, projectId: values.projectId, entryDate: values.entryDate });
  for (const c of values.others) params.append('member', c.personalId);
  return params.toString();
}

/** Step two: one fieldset per member with the relationship, disabling condition and prior living situation. */
export function MemberDetailsPage(props: Problems & {
  ctx: PageContext;
  client: ClientSummary;
  plan: HouseholdPlan;
  /** Entry answers per member, in the plan's order. */
  entries: readonly MemberEntryInput[];
  /** The entry date as typed in step one (shown again when going back). */
  entryDateTyped: string;
  /** 3.16 Enrollment CoC as chosen (the project's only code when it has one). */
  enrollmentCoc: string;
}) {
  const { ctx, client, plan } = props;
  const errors = props.failure?.errors ?? {};
  const others = plan.members.map((m) => m.client).filter((c) => c.personalId !== client.personalId);
  const back = `enrollments/new?${householdStepQuery(client, { projectId: plan.project.projectId, entryDate: props.entryDateTyped, others })}`;
  return (
    <Layout ctx={ctx} title="Enroll in a project">
      <p>
        <a href={sitePath(ctx, back)}>← Back to step 1 (project, date, household)</a>
      </p>
      <h1>Enroll in a project</h1>
      <p class="lede">Step 2 of 2: each member’s answers at entry.</p>
      <dl class="facts">
        <dt>Project</dt>
        <dd>
          {plan.project.projectName} ({label(PROJECT_TYPE, plan.project.projectType)})
        </dd>
        <dt>Agency</dt>
        <dd>{plan.project.organizationName}</dd>
        <dt>Entry date</dt>
        <dd>{formatDay(plan.entryDate)}</dd>
        <dt>Household</dt>
        <dd>
          {plan.members.length} {plan.members.length === 1 ? 'person' : 'people'}
        </dd>
      </dl>
      <FormProblems ctx={ctx} failure={props.failure} />
      <PostForm ctx={ctx} action="enrollments/new">
        <input type="hidden" name="client" value={client.personalId} />
        <input type="hidden" name="projectId" value={plan.project.projectId} />
        <input type="hidden" name="entryDate" value={formatDay(plan.entryDate)} />
        {plan.members.map((m) => (
          <input type="hidden" name="members" value={m.client.personalId} />
        ))}
        <FormMessage name="household" errors={errors.household} />
        <EnrollmentCocField
          value={props.enrollmentCoc}
          choices={plan.cocCodes}
          hint="Where the head of household is at project entry (HUD 3.16 Enrollment CoC); every member takes it."
          errors={errors.enrollmentCoc}
        />
        {plan.members.map((member, i) => {
          const entry = props.entries[i]!;
          const relationship = Number(entry.relationshipToHoH || NaN);
          const required = collects3917(Number.isNaN(relationship) ? 0 : relationship, member.client.dob, plan.entryDate);
          const age = member.age === null ? 'age unknown' : `age ${member.age} on the entry date`;
          return (
            <fieldset>
              <legend>
                {clientName(member.client)} ({age})
              </legend>
              <MemberEntryFields prefix={`m${i}.`} values={entry} errors={errors} warnings={props.failure?.warnings} relationship="any" required={required} projectType={plan.project.projectType} />
            </fieldset>
          );
        })}
        <WarningConfirmation failure={props.failure} />
        <button type="submit" class="primary">
          Enroll {plan.members.length === 1 ? 'the client' : 'the household'}
        </button>
      </PostForm>
    </Layout>
  );
}
