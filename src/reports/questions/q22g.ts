import { timesPriorToHousing } from '../definitions/time-to-housing.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { timeByRaceTable } from './q22f.js';

/**
 * Q22g Length of Time Prior to Housing by Race and Ethnicity - based on 3.917 Date Homelessness Started (APR, CAPER;
 * reference §3 Q22g): Q22e's people with a usable start date, by race and ethnicity. Row 3 counts those not yet moved
 * into housing (stayers too), under the label Open Path gives it (Q22f's), which Sage accepted.
 */
export const q22g: ReportQuestion<ReportUniverse> = {
  id: 'Q22g',
  title: 'Length of Time Prior to Housing by Race and Ethnicity - based on 3.917 Date Homelessness Started',
  reports: ['apr', 'caper'],
  compute(universe) {
    const times = timesPriorToHousing(universe);
    return timeByRaceTable(
      'Q22g',
      this.title,
      times.flatMap(({ person, time }) => (time.kind === 'housed' ? [{ person, days: time.days }] : [])),
      times.filter((t) => t.time.kind === 'not-yet-housed').map((t) => t.person),
    );
  },
};
