import type { VNode } from 'preact';
import type { EnrollmentDetail } from '../enrollments/enrollments.model.js';
import { MoveInSection } from '../move-in/move-in.pages.js';
import { ContactsSectionView } from './contacts.pages.js';
import { BedNightsSectionView } from '../shelter/bed-nights.page.js';
import { CoordinatedEntrySectionView } from '../coordinated-entry/coordinated-entry.pages.js';
import type { SiteServices } from '../sites/site-services.js';
import type { PageContext } from '../views/page-context.js';

/**
 * The enrollment page's sections for the elements recorded when they happen (3.20, 4.12, 4.13, 4.14, 4.19,
 * 4.20), each shown only where HUD collects it. The enrollments routes render this once, under the entry data;
 * the enrollment is already found visible to the viewer. `allBedNights`: the page's "show all" of 4.14.
 */
export async function occurrenceSections(
  site: SiteServices,
  detail: EnrollmentDetail,
  options: { allBedNights: boolean },
  /** The page's context, naming the HUD UserIDs of its "by …" lines (reply.pageContextNaming). */
  contextNaming: (hudUserIds: readonly string[]) => Promise<PageContext>,
): Promise<VNode> {
  const bedNights = await site.shelter.section(detail, options.allBedNights);
  const moveIn = await site.moveIn.status(detail);
  const contacts = await site.contacts.section(detail);
  const coordinatedEntry = await site.coordinatedEntry.section(detail);
  const ctx = await contextNaming([...(bedNights?.nights ?? []), ...(contacts?.contacts ?? [])].map((r) => r.userId));
  return (
    <>
      {moveIn && <MoveInSection ctx={ctx} status={moveIn} />}
      {bedNights && <BedNightsSectionView ctx={ctx} section={bedNights} />}
      {contacts && <ContactsSectionView ctx={ctx} section={contacts} />}
      {coordinatedEntry && <CoordinatedEntrySectionView ctx={ctx} section={coordinatedEntry} />}
    </>
  );
}
