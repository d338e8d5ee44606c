import { addDays, daysBetween } from '../../hud/calendar-days.js';
import type { ActiveStay } from '../active-stays.model.js';
import type { ReportParams, ReportTable } from '../report.model.js';
import { countCell, inBucket, type DayBucket } from './cells.js';

/** Project type 1, Emergency Shelter – Night-by-Night: its length of stay is its number of bed nights. */
const NIGHT_BY_NIGHT = 1;

/**
 * Length of participation (reference §1.6): a leaver's exit date minus the project start date; a stayer's the
 * day after the report end minus the project start; night-by-night shelters count bed nights instead.
 */
export function lengthOfParticipation(stay: ActiveStay, params: Pick<ReportParams, 'to'>): number {
  if (stay.projectType === NIGHT_BY_NIGHT) return stay.bedNights;
  return daysBetween(stay.entryDate, stay.exitDate ?? addDays(params.to, 1));
}

export const isLeaver = (stay: ActiveStay): boolean => stay.exitDate !== null;

/** Q22a1 and Q22a2: a row per bucket, columns Total, Leavers, Stayers, then a Total row. */
export function participationTable(question: string, title: string, buckets: readonly DayBucket[], stays: readonly ActiveStay[], params: ReportParams): ReportTable {
  const measured = stays.map((stay) => ({ stay, days: lengthOfParticipation(stay, params) }));
  const row = (label: string, chosen: typeof measured) => ({
    label,
    cells: [
      countCell(chosen.map((m) => m.stay.enrollmentId)),
      countCell(chosen.filter((m) => isLeaver(m.stay)).map((m) => m.stay.enrollmentId)),
      countCell(chosen.filter((m) => !isLeaver(m.stay)).map((m) => m.stay.enrollmentId)),
    ],
  });
  return {
    question,
    title,
    header: ['', 'Total', 'Leavers', 'Stayers'],
    rows: [...buckets.map((bucket) => row(bucket.label, measured.filter((m) => inBucket(bucket, m.days)))), row('Total', measured)],
  };
}

/** The buckets from 31 days up, shared by Q22a1 and Q22a2. */
export const LONG_STAY_BUCKETS: readonly DayBucket[] = [
  { label: '31 to 60 days', min: 31, max: 60 },
  { label: '61 to 90 days', min: 61, max: 90 },
  { label: '91 to 180 days', min: 91, max: 180 },
  { label: '181 to 365 days', min: 181, max: 365 },
  { label: '366 to 730 days (1-2 Yrs)', min: 366, max: 730 },
  { label: '731 to 1,095 days (2-3 Yrs)', min: 731, max: 1095 },
  { label: '1,096 to 1,460 days (3-4 Yrs)', min: 1096, max: 1460 },
  { label: '1,461 to 1,825 days (4-5 Yrs)', min: 1461, max: 1825 },
  { label: 'More than 1,825 days (> 5 Yrs)', min: 1826, max: null },
];
