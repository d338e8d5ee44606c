import { DONT_KNOW_LABEL } from '../definitions/answers.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, row } from './table-kit.js';

const HOMELESSNESS_PREVENTION = 12;

const MAINTAINED = 'Able to maintain the housing they had at project start';

/** The outcomes of W5.1 Housing Assessment at Exit (with W5.A/B Subsidy Information), in HUD's order. */
const OUTCOMES = [
  `${MAINTAINED}--Without a subsidy`,
  `${MAINTAINED}--With the subsidy they had at project start`,
  `${MAINTAINED}--With an on-going subsidy acquired since project start`,
  `${MAINTAINED}--Only with financial assistance other than a subsidy`,
  'Moved to new housing unit--With on-going subsidy',
  'Moved to new housing unit--Without an on-going subsidy',
  'Moved in with family/friends on a temporary basis',
  'Moved in with family/friends on a permanent basis',
  'Moved to a transitional or temporary housing facility or program',
  'Client became homeless - moving to a shelter or other place unfit for human habitation',
  'Jail/prison',
  'Deceased',
  DONT_KNOW_LABEL,
];

/**
 * Q24a Homelessness Prevention Housing Assessment at Exit (CAPER): the leavers of HP projects by W5.1, by household
 * type. Hearth does not record W5.1 or W5.A/B (the exit form has no such fields and the HUD CSV import does not keep
 * them), so, as the specification counts a missing assessment, every HP leaver is "Data not collected (no exit
 * interview completed)" and the outcome rows are 0. The total still equals the HP leavers, as Sage checks.
 */
export const q24a: ReportQuestion<ReportUniverse> = {
  id: 'Q24a',
  title: 'Homelessness Prevention Housing Assessment at Exit',
  reports: ['caper'],
  compute(universe) {
    const leavers = universe.people.filter((p) => p.isLeaver && p.projectType === HOMELESSNESS_PREVENTION);
    return {
      question: 'Q24a',
      title: this.title,
      header: householdTypeHeader(),
      rows: [
        ...OUTCOMES.map((label) => row(label, byHouseholdType([]))),
        row('Data not collected (no exit interview completed)', byHouseholdType(leavers)),
        row('Total', byHouseholdType(leavers)),
      ],
    };
  },
};
