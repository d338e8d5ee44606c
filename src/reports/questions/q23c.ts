import { DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from '../definitions/answers.js';
import { isExcludedDestination, isPositiveDestination, reportedDestination } from '../definitions/destinations.js';
import { HOUSEHOLD_TYPE_COLUMNS } from '../definitions/household.js';
import type { ReportQuestion, ReportRow } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { byHouseholdType, householdTypeHeader, rate, row, titleRow } from './table-kit.js';

/** Q23c's sections of 3.12.1, in HUD's order, each a title, its codes and a subtotal. */
const DESTINATION_SECTIONS: readonly { title: string; codes: readonly [number[], string][] }[] = [
  {
    title: 'Homeless Situations',
    codes: [
      [[116], 'Place not meant for habitation (e.g., a vehicle, an abandoned building, bus/train/subway station/airport or anywhere outside)'],
      [[101], 'Emergency shelter, including hotel or motel paid for with emergency shelter voucher, Host Home shelter'],
      [[118], 'Safe Haven'],
    ],
  },
  {
    title: 'Institutional Situations',
    codes: [
      [[215], 'Foster care home or foster care group home'],
      [[206], 'Hospital or other residential non-psychiatric medical facility'],
      [[207], 'Jail, prison or juvenile detention facility'],
      [[225], 'Long-term care facility or nursing home'],
      [[204], 'Psychiatric hospital or other psychiatric facility'],
      [[205], 'Substance abuse treatment facility or detox center'],
    ],
  },
  {
    title: 'Temporary Situations',
    codes: [
      [[302], 'Transitional housing for homeless persons (including homeless youth)'],
      [[329], 'Residential project or halfway house with no homeless criteria'],
      [[314], 'Hotel or motel paid for without emergency shelter voucher'],
      [[332], 'Host Home (non-crisis)'],
      [[312], 'Staying or living with family, temporary tenure (e.g., room, apartment, or house)'],
      [[313], 'Staying or living with friends, temporary tenure (e.g., room, apartment, or house)'],
      [[327], 'Moved from one HOPWA funded project to HOPWA TH'],
    ],
  },
  {
    title: 'Permanent Situations',
    codes: [
      [[422], 'Staying or living with family, permanent tenure'],
      [[423], 'Staying or living with friends, permanent tenure'],
      [[426], 'Moved from one HOPWA funded project to HOPWA PH'],
      [[410], 'Rental by client, no ongoing housing subsidy'],
      [[435], 'Rental by client, with ongoing housing subsidy'],
      [[421], 'Owned by client, with ongoing housing subsidy'],
      [[411], 'Owned by client, no ongoing housing subsidy'],
    ],
  },
  {
    title: 'Other Situations',
    codes: [
      [[30], 'No Exit Interview completed'],
      [[17], 'Other'],
      [[24], 'Deceased'],
      [[8, 9], DONT_KNOW_LABEL],
      [[99], NOT_COLLECTED_LABEL],
    ],
  },
];

const destinationOf = (p: ReportPerson) => reportedDestination(p.enrollment.destination, p.enrollment.destinationSubsidyType) ?? 99;

/** Q23c's 42 rows for a group of leavers, by household type (Q25i and Q27f1 take the same rows for their people). */
export function destinationRows(leavers: readonly ReportPerson[]): ReportRow[] {
  const columns = HOUSEHOLD_TYPE_COLUMNS.length + 1;
  const rows: ReportRow[] = [];
  for (const section of DESTINATION_SECTIONS) {
    rows.push(titleRow(section.title, columns));
    for (const [codes, label] of section.codes) rows.push(row(label, byHouseholdType(leavers.filter((p) => codes.includes(destinationOf(p))))));
    const all = section.codes.flatMap(([codes]) => codes);
    rows.push(row('Subtotal', byHouseholdType(leavers.filter((p) => all.includes(destinationOf(p))))));
  }
  const positive = leavers.filter((p) => isPositiveDestination(destinationOf(p), p.projectType));
  const excluded = leavers.filter((p) => isExcludedDestination(destinationOf(p), p.projectType));
  const total = byHouseholdType(leavers);
  const positiveCells = byHouseholdType(positive);
  const excludedCells = byHouseholdType(excluded);
  rows.push(
    row('TOTAL', total),
    row('Total persons exiting to positive housing destinations', positiveCells),
    row('Total persons whose destinations excluded them from the calculation', excludedCells),
    row(
      'Percentage of persons exiting to positive housing destinations',
      total.map((t, i) => rate(positiveCells[i]!.value as number, (t.value as number) - (excludedCells[i]!.value as number))),
    ),
  );
  return rows;
}

export const q23c: ReportQuestion<ReportUniverse> = {
  id: 'Q23c',
  title: 'Exit Destination',
  reports: ['apr', 'caper'],
  compute(universe) {
    return { question: 'Q23c', title: this.title, header: householdTypeHeader(), rows: destinationRows(universe.people.filter((p) => p.isLeaver)) };
  },
};
