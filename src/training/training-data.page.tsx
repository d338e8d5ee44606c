import { Notice } from '../views/components.js';
import { ErrorSummary, PostForm, TextField, type FormFailure } from '../views/form-kit.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';
import type { RecordCounts } from './training.repository.js';
import type { LastTrainingReset } from './training.service.js';

/** What the administrator must type to confirm. */
export const CONFIRMATION_WORD = 'RESET';

export interface TrainingDataPageProps {
  ctx: PageContext;
  counts: RecordCounts;
  lastReset: LastTrainingReset | null;
  /** Right after a reset (the page it redirects to). */
  done?: boolean;
  /** What was typed into the confirmation box, kept when it is refused. */
  confirm?: string;
  failure?: FormFailure | null;
}

const n = (count: number | undefined) => (count ?? 0).toLocaleString('en-US');

/** The Training site's admin page for refilling its practice data. */
export function TrainingDataPage(props: TrainingDataPageProps) {
  const { ctx, counts, lastReset, failure } = props;
  const s = lastReset?.summary;
  return (
    <Layout ctx={ctx} title="Training data">
      <h1>Training data</h1>
      <p class="lede">
        Refill the {ctx.site!.name} with fictitious agencies, projects and clients, so that new and returning users
        have realistic records to practise on.
      </p>
      {props.done && s && (
        <Notice kind="success">
          The {ctx.site!.name} has been refilled: {n(s.clients)} clients in {n(s.households)} households, {n(s.enrollments)}{' '}
          enrollments ({n(s.currentEnrollments)} current) and {n(s.exits)} exits, in {n(s.projects)} projects of {n(s.agencies)} agencies.
        </Notice>
      )}
      <ErrorSummary failure={failure} />

      <h2>What a reset does</h2>
      <ul>
        <li>
          <strong>Deletes</strong> every client, enrollment, exit, project and agency on the {ctx.site!.name}, including
          everything trainees have entered.
        </li>
        <li>
          <strong>Generates</strong> about 2,000 fictitious clients in realistic households, with enrollment histories
          over the past four years, exits and some current stays, in 15 projects of 6 agencies (some projects have ended:
          old project data). A few clients have a second, slightly different record, to practise duplicate checks.
          Their SSNs are in the never-issued 9xx area, so no real person’s number is used: HUD’s SSN check fails on
          each of them (intended), and on this site the same nine digits still count towards a likely duplicate.
        </li>
        <li>
          <strong>Keeps</strong> every user account, and users’ agency memberships: the generated agencies keep their
          ids from one reset to the next. The audit log keeps its history.
        </li>
        <li>The data is the same after every reset, with dates relative to today. It takes a few seconds.</li>
      </ul>
      <p>Anyone practising right now will see their clients and enrollments disappear.</p>

      <h2>What the {ctx.site!.name} holds now</h2>
      <p>
        {n(counts.agencies)} agencies, {n(counts.projects)} projects, {n(counts.clients)} clients, {n(counts.enrollments)}{' '}
        enrollments and {n(counts.exits)} exits.
      </p>
      <p>
        {lastReset
          ? `Last refilled ${formatDateTime(lastReset.at, ctx.timeZone)}${lastReset.by ? ` by ${lastReset.by}` : ''}.`
          : 'It has never been refilled with training data.'}
      </p>

      <PostForm ctx={ctx} action="admin/training-data" class="stack narrow">
        <TextField
          name="confirm"
          label={`Type ${CONFIRMATION_WORD} to confirm`}
          hint="This cannot be undone."
          value={props.confirm}
          autocomplete="off"
          maxLength={20}
          errors={failure?.errors.confirm}
        />
        <button type="submit" class="danger">
          Delete all client data and refill the {ctx.site!.name}
        </button>
      </PostForm>
    </Layout>
  );
}
