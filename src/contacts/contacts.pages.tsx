import { clientName } from '../clients/client-name.js';
import { formatDay } from '../enrollments/enrollment-fields.js';
import type { EnrollmentDetail } from '../enrollments/enrollments.model.js';
import { label, NO_YES_REASONS_FOR_MISSING_DATA } from '../hud/code-lists.js';
import { LIVING_SITUATION, LIVING_SITUATION_GROUPS, RENTAL_SUBSIDY_TYPE, RENTAL_SUBSIDY_TYPES } from '../hud/enrollment-code-lists.js';
import { CURRENT_LIVING_SITUATIONS } from '../hud/occurrence-code-lists.js';
import { Recorded } from '../views/components.js';
import { DataTable } from '../views/data-table.js';
import { choicesOf, DateField, ErrorSummary, PostForm, SelectField, TextField, type FormFailure } from '../views/form-kit.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';
import { FOURTEEN_DAY_QUESTIONS } from './contact-fields.js';
import type { ContactInput, ContactsSection } from './contacts.model.js';

const SITUATION_GROUPS = LIVING_SITUATION_GROUPS.map((g) => ({ label: g.label, choices: choicesOf(LIVING_SITUATION, g.codes.filter((c) => CURRENT_LIVING_SITUATIONS.includes(c))) })).filter((g) => g.choices.length > 0);
const NO_YES = choicesOf(NO_YES_REASONS_FOR_MISSING_DATA);

/** The enrollment page's 4.13 and 4.12 section: the date of engagement and every contact, latest first. */
export function ContactsSectionView(props: { ctx: PageContext; section: ContactsSection }) {
  const { ctx, section } = props;
  const base = `enrollments/${section.enrollmentId}`;
  return (
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">Engagement and contacts</h2>
      {section.engagement && (
        <p>
          Date of engagement (4.13): {section.engagement.dateOfEngagement ? formatDay(section.engagement.dateOfEngagement) : 'not engaged yet'}.{' '}
          {section.canRecord && <a href={sitePath(ctx, `${base}/engagement`)}>{section.engagement.dateOfEngagement ? 'Correct the date of engagement' : 'Record the date of engagement'}</a>}
        </p>
      )}
      {section.contacts && (
        <>
          <h3>Current living situation at each contact (4.12)</h3>
          {section.canRecord && (
            <p>
              <a class="button" href={sitePath(ctx, `${base}/contacts/new`)}>
                Record a contact
              </a>
            </p>
          )}
          {section.contacts.length === 0 ? (
            <p class="empty">No contact recorded yet.</p>
          ) : (
            <DataTable
              caption="Contacts, latest first"
              hiddenCaption
              rows={section.contacts}
              columns={[
                { header: 'Date of contact', cell: (c) => formatDay(c.informationDate) },
                {
                  header: 'Living situation',
                  cell: (c) => (
                    <>
                      {label(LIVING_SITUATION, c.currentLivingSituation)}
                      {c.clsSubsidyType !== null && ` (${label(RENTAL_SUBSIDY_TYPE, c.clsSubsidyType)})`}
                      {c.leaveSituation14Days === 1 && '; must leave within 14 days'}
                      {c.verifiedBy && `; verified by ${c.verifiedBy}`}
                    </>
                  ),
                },
                { header: 'Location', cell: (c) => c.locationDetails ?? '—' },
                {
                  header: 'Recorded',
                  cell: (c) => (
                    <Recorded
                      ctx={ctx}
                      record={c}
                      correct={section.canRecord && { href: sitePath(ctx, `${base}/contacts/${c.currentLivingSitId}/edit`), what: `the contact of ${formatDay(c.informationDate)}` }}
                    />
                  ),
                },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}

function Back(props: { ctx: PageContext; detail: EnrollmentDetail }) {
  const { enrollment, client, project } = props.detail;
  return (
    <>
      <p>
        <a href={sitePath(props.ctx, `enrollments/${enrollment.enrollmentId}`)}>← Back to the enrollment</a>
      </p>
      <p class="lede">
        {clientName(client)} in {project.projectName}, since {formatDay(enrollment.entryDate)}.
      </p>
    </>
  );
}

/** 4.12: one contact's form. Dependent questions say when they apply; the service refuses answers that do not. */
export function ContactPage(props: { ctx: PageContext; detail: EnrollmentDetail; values: ContactInput; asksVerifiedBy: boolean; contactId?: string; failure?: FormFailure | null }) {
  const { ctx, detail, values, failure, contactId } = props;
  const errors = failure?.errors ?? {};
  const title = contactId ? 'Correct a contact' : 'Record a contact';
  const base = `enrollments/${detail.enrollment.enrollmentId}/contacts`;
  return (
    <Layout ctx={ctx} title={title}>
      <div class="narrow">
        <h1>{title}</h1>
        <Back ctx={ctx} detail={detail} />
        <ErrorSummary failure={failure} />
        <PostForm ctx={ctx} action={contactId ? `${base}/${contactId}/edit` : `${base}/new`}>
          <DateField name="informationDate" label="Date of contact (4.12.1)" value={values.informationDate} errors={errors.informationDate} />
          <SelectField name="currentLivingSituation" label="Current living situation (4.12.2)" value={values.currentLivingSituation} groups={SITUATION_GROUPS} errors={errors.currentLivingSituation} />
          <SelectField
            name="clsSubsidyType"
            label="Rental subsidy type (4.12.A)"
            hint="Only for “Rental by client, with ongoing housing subsidy”."
            emptyLabel="Not applicable"
            value={values.clsSubsidyType}
            choices={choicesOf(RENTAL_SUBSIDY_TYPE, RENTAL_SUBSIDY_TYPES)}
            errors={errors.clsSubsidyType}
          />
          <SelectField
            name="leaveSituation14Days"
            label="Is the client going to have to leave their current living situation within 14 days? (4.12.B)"
            hint="Only when the client is not homeless (institutional, temporary, permanent, other or unable to determine)."
            emptyLabel="Not applicable"
            value={values.leaveSituation14Days}
            choices={NO_YES}
            errors={errors.leaveSituation14Days}
          />
          {FOURTEEN_DAY_QUESTIONS.map(([name, question]) => (
            <SelectField name={name} label={question} hint="Only when the client must leave within 14 days." emptyLabel="Not applicable" value={values[name]} choices={NO_YES} errors={errors[name]} />
          ))}
          {props.asksVerifiedBy && <TextField name="verifiedBy" label="Verified by (4.12.3)" hint="The project that verified the living situation." value={values.verifiedBy} maxLength={200} errors={errors.verifiedBy} />}
          <TextField name="locationDetails" label="Location details (4.12.4)" hint="Where the contact took place, e.g. an intersection or a camp." value={values.locationDetails} maxLength={250} errors={errors.locationDetails} />
          <button type="submit" class="primary">
            {contactId ? 'Save the correction' : 'Save the contact'}
          </button>
        </PostForm>
        {contactId && (
          <PostForm ctx={ctx} action={`${base}/${contactId}/delete`}>
            <p class="hint">A contact recorded by mistake (the wrong client or a contact that did not happen) can be deleted. The deletion is recorded in the audit log.</p>
            <button type="submit" class="danger">
              Delete this contact
            </button>
          </PostForm>
        )}
      </div>
    </Layout>
  );
}

/** 4.13: the date of engagement's form. */
export function EngagementPage(props: { ctx: PageContext; detail: EnrollmentDetail; value: string; failure?: FormFailure | null }) {
  const { ctx, detail, failure } = props;
  return (
    <Layout ctx={ctx} title="Date of engagement">
      <div class="narrow">
        <h1>Date of engagement</h1>
        <Back ctx={ctx} detail={detail} />
        <ErrorSummary failure={failure} />
        <PostForm ctx={ctx} action={`enrollments/${detail.enrollment.enrollmentId}/engagement`}>
          <DateField
            name="dateOfEngagement"
            label="Date of engagement (4.13)"
            hint="The day the relationship led to a deliberate assessment or the start of a case plan. Leave empty if the client has not engaged."
            value={props.value}
            errors={failure?.errors.dateOfEngagement}
          />
          <button type="submit" class="primary">
            Save the date of engagement
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}
