import { chronicStatusAtStart, type ChronicStatus } from '../../hud/chronic-homelessness.js';
import type { ReportEnrollment } from '../universe.model.js';
import { DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from './answers.js';

/** HUD's rows for a chronic status (Q26a households, Q26b persons), in HUD's order. */
export const CHRONIC_STATUS_ROWS: readonly { status: ChronicStatus; label: string }[] = [
  { status: 'yes', label: 'Chronically Homeless' },
  { status: 'no', label: 'Not Chronically Homeless' },
  { status: 'dont-know', label: DONT_KNOW_LABEL },
  { status: 'missing', label: NOT_COLLECTED_LABEL },
];

/** §1.8 for one person, from their own project-start answers (3.08, 4.05–4.10 at stage 1, 3.917). */
export function ownChronicStatus(enrollment: ReportEnrollment, projectType: number): ChronicStatus {
  return chronicStatusAtStart({
    projectType,
    projectStart: enrollment.entryDate,
    disablingCondition: enrollment.disablingCondition,
    disabilities: enrollment.disabilities.filter((d) => d.dataCollectionStage === 1),
    livingSituation: enrollment.livingSituation,
    losUnderThreshold: enrollment.losUnderThreshold,
    previousStreetEssh: enrollment.previousStreetEssh,
    dateToStreetEssh: enrollment.dateToStreetEssh,
    timesHomelessPastThreeYears: enrollment.timesHomelessPastThreeYears,
    monthsHomelessPastThreeYears: enrollment.monthsHomelessPastThreeYears,
  });
}

export interface ChronicMember {
  enrollmentId: string;
  entryDate: string;
  isHead: boolean;
  isAdult: boolean;
  own: ChronicStatus;
}

/**
 * §1.8's household rule, applied to the members present at the household's start (its earliest entry date):
 * when a head or adult among them is chronically homeless, all of them are; a child otherwise takes the head's
 * status (so a child is "No" when the head is, and the head's don't-know or missing when the head's is). Adults
 * keep their own status; members who joined later keep theirs (Data Lab's rule, decided in docs/reports.md).
 */
export function chronicStatuses(members: readonly ChronicMember[]): Map<string, ChronicStatus> {
  const out = new Map<string, ChronicStatus>();
  const start = members.reduce((min, m) => (m.entryDate < min ? m.entryDate : min), members[0]?.entryDate ?? '');
  const atStart = members.filter((m) => m.entryDate === start);
  const anyChronic = atStart.some((m) => (m.isHead || m.isAdult) && m.own === 'yes');
  const head = atStart.find((m) => m.isHead);
  for (const m of members) {
    if (m.entryDate !== start) out.set(m.enrollmentId, m.own);
    else if (anyChronic) out.set(m.enrollmentId, 'yes');
    else if (!m.isHead && !m.isAdult && head) out.set(m.enrollmentId, head.own);
    else out.set(m.enrollmentId, m.own);
  }
  return out;
}
