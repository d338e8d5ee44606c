import { clientName } from '../clients/client-name.js';
import type { ClientSummary } from '../clients/clients.model.js';
import { formatDay } from '../enrollments/enrollment-fields.js';
import { addDays } from '../hud/calendar-days.js';
import { label } from '../hud/code-lists.js';
import { HEAD_OF_HOUSEHOLD, RELATIONSHIP_TO_HOH } from '../hud/enrollment-code-lists.js';
import { Notice } from '../views/components.js';
import { DateField, ErrorSummary, fieldId, FieldError, PostForm, TextField, type FormFailure } from '../views/form-kit.js';
import { Layout } from '../views/layout.js';
import { sitePath, type PageContext } from '../views/page-context.js';
import type { CheckInGuest, CheckInResult, CheckInSheet } from './shelter.model.js';

/** A client found by the search box: with a stay open here (ticked in the list) or without (checking in opens one). */
export interface CheckInSearchHit {
  client: ClientSummary;
  hasStay: boolean;
}

export interface CheckInSearch {
  query: string;
  hits: CheckInSearchHit[];
  error: string | null;
}

/** What the page says after a check-in, or after a guest was removed (read back from the redirect's query). */
export type CheckInDone = (Pick<CheckInResult, 'checkedIn' | 'alreadyIn'> & { opened: { enrollmentId: string; name: string }[] }) | { removed: string };

/** The form the "Remove" buttons of guests checked in belong to (HTML's `form` attribute): outside the check-in form. */
const REMOVE_FORM = 'check-in-remove';

function guestLabel(guest: CheckInGuest) {
  return (
    <>
      {clientName(guest.client)}
      {guest.relationshipToHoH !== HEAD_OF_HOUSEHOLD && <span class="muted"> ({label(RELATIONSHIP_TO_HOH, guest.relationshipToHoH)})</span>}
    </>
  );
}

/**
 * The check-in screen of a night-by-night shelter: the night and a search (a GET form), then one POST form with
 * the guests found and every household whose stay is open, last night's guests first, each guest and each
 * whole household a box to tick; a guest checked in by mistake has "Remove", a button of a second form (so the
 * check-in stays the form's default button). Works without JavaScript.
 */
export function CheckInPage(props: { ctx: PageContext; sheet: CheckInSheet; search: CheckInSearch | null; failure?: FormFailure | null; done?: CheckInDone | null }) {
  const { ctx, sheet, search, failure, done } = props;
  const { project } = sheet;
  const base = `projects/${project.projectId}/check-in`;
  const tonight = sheet.night === sheet.today;
  const nightName = tonight ? `tonight (${formatDay(sheet.night)})` : `the night of ${formatDay(sheet.night)}`;
  const lastNight = addDays(sheet.night, -1);
  const guests = sheet.households.reduce((n, h) => n + h.members.length, 0);
  const newGuests = search?.hits.filter((h) => !h.hasStay) ?? [];
  return (
    <Layout ctx={ctx} title={`Check-in · ${project.projectName}`}>
      <p>
        <a href={sitePath(ctx, `projects/${project.projectId}`)}>← {project.projectName}</a>
      </p>
      <h1>Check-in for {nightName}</h1>
      <p class="lede">
        {project.projectName} · {project.organizationName}. {sheet.checkedIn} of {guests} {guests === 1 ? 'guest' : 'guests'} with an open stay checked in.
      </p>
      {done && 'removed' in done && (
        <Notice kind="success">
          <p>
            {done.removed} is no longer checked in for {nightName}.
          </p>
        </Notice>
      )}
      {done && !('removed' in done) && (
        <Notice kind="success">
          <p>
            {done.checkedIn} {done.checkedIn === 1 ? 'guest' : 'guests'} checked in for {nightName}
            {done.alreadyIn > 0 && `; ${done.alreadyIn} already were`}.
          </p>
          {done.opened.length > 0 && (
            <>
              <p>A stay was opened for each guest who had none. Complete their entry data:</p>
              <ul>
                {done.opened.map((o) => (
                  <li>
                    <a href={sitePath(ctx, `enrollments/${o.enrollmentId}/edit`)}>{o.name}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Notice>
      )}
      {sheet.truncated && <Notice kind="warning">This shelter has more open stays than one list holds: exit the guests who have left.</Notice>}
      <ErrorSummary failure={failure} />

      <form method="get" action={sitePath(ctx, base)} class="stack" role="search" aria-label="Night and guest search">
        <DateField name="night" label="Night" hint="Tonight unless you are catching up on a past night." value={formatDay(sheet.night)} errors={failure?.errors.night} />
        <TextField name="q" type="search" label="Find a guest who is not in the list" hint="A name, a date of birth or a PersonalID." value={search?.query ?? ''} errors={search?.error ? [search.error] : undefined} />
        <button type="submit">Show</button>
      </form>

      <PostForm ctx={ctx} action={base}>
        <input type="hidden" name="night" value={sheet.night} />
        {search && !search.error && (
          <fieldset class="choices" id={fieldId('clients')}>
            <legend>Found by search</legend>
            {search.hits.length === 0 && <p>Nobody matches “{search.query}”.</p>}
            {search.hits.map((hit) => {
              const id = `${fieldId('client')}-${hit.client.personalId}`;
              return hit.hasStay ? (
                <p>
                  {clientName(hit.client)} {hit.client.dob && `(born ${formatDay(hit.client.dob)})`}: has an open stay here, tick them in the list below.
                </p>
              ) : (
                <div class="choice">
                  <input type="checkbox" id={id} name="client" value={hit.client.personalId} aria-describedby={`${id}-hint`} />
                  <label for={id}>
                    {clientName(hit.client)} {hit.client.dob && `(born ${formatDay(hit.client.dob)})`}
                  </label>
                  <p class="hint" id={`${id}-hint`}>
                    No open stay here: checking in opens one from {formatDay(sheet.night)}.
                  </p>
                </div>
              );
            })}
          </fieldset>
        )}

        <fieldset id={fieldId('guests')} aria-describedby={failure?.errors.guests ? `${fieldId('guests')}-error` : undefined}>
          <legend>Guests with an open stay</legend>
          <FieldError id={fieldId('guests')} errors={failure?.errors.guests} />
          {sheet.households.length === 0 ? (
            <p class="empty">Nobody has an open stay here on {formatDay(sheet.night)}. Find guests with the search above.</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">Households with an open stay, last night’s guests first</caption>
                <thead>
                  <tr>
                    <th scope="col">Guest</th>
                    <th scope="col">Entry</th>
                    <th scope="col">Last bed night</th>
                    <th scope="col">{tonight ? 'Tonight' : formatDay(sheet.night)}</th>
                  </tr>
                </thead>
                {sheet.households.map((household) => {
                  const head = household.members[0]!;
                  const open = household.members.filter((m) => !m.checkedIn);
                  const householdId = `${fieldId('household')}-${household.householdId}`;
                  return (
                    <tbody>
                      {household.members.length > 1 && (
                        <tr>
                          <th scope="rowgroup" colSpan={4}>
                            {open.length > 0 ? (
                              <>
                                <input type="checkbox" id={householdId} name="household" value={household.householdId} />{' '}
                                <label for={householdId}>
                                  Whole household of {clientName(head.client)} ({household.members.length} people)
                                </label>
                              </>
                            ) : (
                              <>Household of {clientName(head.client)} ({household.members.length} people)</>
                            )}
                          </th>
                        </tr>
                      )}
                      {household.members.map((guest) => {
                        const id = `${fieldId('enrollment')}-${guest.enrollmentId}`;
                        return (
                          <tr>
                            <td>
                              {guest.checkedIn ? (
                                guestLabel(guest)
                              ) : (
                                <>
                                  <input type="checkbox" id={id} name="enrollment" value={guest.enrollmentId} /> <label for={id}>{guestLabel(guest)}</label>
                                </>
                              )}
                            </td>
                            <td>{formatDay(guest.entryDate)}</td>
                            <td>{guest.lastNight === null ? 'None yet' : guest.lastNight === lastNight ? `Last night (${formatDay(guest.lastNight)})` : formatDay(guest.lastNight)}</td>
                            <td>
                              {guest.checkedIn ? (
                                <>
                                  Checked in{' '}
                                  <button type="submit" form={REMOVE_FORM} name="enrollment" value={guest.enrollmentId} class="link-button">
                                    Remove<span class="visually-hidden"> {clientName(guest.client)}, checked in by mistake</span>
                                  </button>
                                </>
                              ) : (
                                'Not yet'
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  );
                })}
              </table>
            </div>
          )}
        </fieldset>
        {(guests > sheet.checkedIn || newGuests.length > 0) && (
          <button type="submit" class="primary">
            Check in the guests ticked
          </button>
        )}
      </PostForm>
      {sheet.checkedIn > 0 && (
        <PostForm ctx={ctx} action={`${base}/remove`} id={REMOVE_FORM} class="inline">
          <input type="hidden" name="night" value={sheet.night} />
        </PostForm>
      )}
    </Layout>
  );
}
