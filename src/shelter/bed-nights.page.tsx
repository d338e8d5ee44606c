import { formatDay } from '../enrollments/enrollment-fields.js';
import { DataTable } from '../views/data-table.js';
import { InlinePostButton } from '../views/form-kit.js';
import { savedBy, sitePath, type PageContext } from '../views/page-context.js';
import type { BedNightsSection } from './shelter.model.js';

/**
 * The enrollment page's 4.14 section of a night-by-night shelter stay: its bed nights, latest first (the latest
 * few, with a link to every one), each with "Remove" for a check-in made by mistake.
 */
export function BedNightsSectionView(props: { ctx: PageContext; section: BedNightsSection }) {
  const { ctx, section } = props;
  const base = `enrollments/${section.enrollmentId}`;
  const { nights, total } = section;
  return (
    <section aria-labelledby="bed-nights-heading">
      <h2 id="bed-nights-heading">Bed nights (4.14)</h2>
      {nights.length === 0 ? (
        <p class="empty">No bed night recorded yet. Guests are checked in on the shelter’s check-in screen.</p>
      ) : (
        <>
          <p>
            {total} {total === 1 ? 'bed night' : 'bed nights'}
            {nights.length < total ? `; the latest ${nights.length} are shown. ` : '. '}
            {nights.length < total && <a href={`${sitePath(ctx, base)}?nights=all#bed-nights-heading`}>Show all {total} bed nights</a>}
          </p>
          <DataTable
            caption="Bed nights, latest first"
            hiddenCaption
            rows={nights}
            columns={[
              { header: 'Night', cell: (n) => formatDay(n.night) },
              { header: 'Recorded', cell: (n) => savedBy(ctx, n) },
              section.canRemove && {
                header: 'Checked in by mistake?',
                cell: (n) => <InlinePostButton ctx={ctx} action={`${base}/bed-nights/${n.servicesId}/delete`} label="Remove" what={`the bed night of ${formatDay(n.night)}`} />,
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
