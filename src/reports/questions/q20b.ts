import { DONT_KNOW_LABEL } from '../definitions/answers.js';
import type { ReportQuestion } from '../report.model.js';
import type { IncomeRecord, ReportPerson, ReportUniverse } from '../universe.model.js';
import { benefitLeavers } from './q20a.js';
import { count, row } from './table-kit.js';

type Answer = 'none' | 'some' | 'dont-know' | 'missing';

/** 4.03 as Q20b counts it: a benefit answered Yes, else "no benefits", else DK/PNTA, else missing. */
function benefitAnswer(r: IncomeRecord | null): Answer {
  if (r === null) return 'missing';
  if (r.benefitsFromAnySource === 1 || r.benefits.some((b) => b === 1)) return 'some';
  if (r.benefitsFromAnySource === 0) return 'none';
  return r.benefitsFromAnySource === 8 || r.benefitsFromAnySource === 9 ? 'dont-know' : 'missing';
}

/**
 * Q20b: adults by number of non-cash benefit sources, with Q20a's columns; the annual column counts every adult stayer,
 * those not yet due an assessment among the missing.
 */
export const q20b: ReportQuestion<ReportUniverse> = {
  id: 'Q20b',
  title: 'Number of Non-Cash Benefit Sources',
  reports: ['apr'],
  compute(universe) {
    const adults = universe.people.filter((p) => p.isAdult);
    const all: [ReportPerson[], (p: ReportPerson) => IncomeRecord | null][] = [
      [adults, (p) => p.income.start.record],
      [adults.filter((p) => p.isStayer), (p) => (p.annualRequired ? p.income.annual.record : null)],
      [benefitLeavers(universe, adults), (p) => p.income.exit.record],
    ];
    const cells = (answer: Answer) => all.map(([people, at]) => count(people.filter((p) => benefitAnswer(at(p)) === answer)));
    return {
      question: 'Q20b',
      title: this.title,
      header: [' ', 'Benefit at Start', 'Benefit at Latest Annual Assessment for Stayers', 'Benefit at Exit for Leavers'],
      rows: [
        row('No Sources', cells('none')),
        row('1 + Source(s)', cells('some')),
        row(DONT_KNOW_LABEL, cells('dont-know')),
        row('Data Not Collected/Not stayed long enough for Annual Assessment', cells('missing')),
        row('Total', all.map(([people]) => count(people))),
      ],
    };
  },
};
