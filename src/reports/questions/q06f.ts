import { addDays } from '../../hud/calendar-days.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { count, rate, row } from './table-kit.js';

const STREET_OUTREACH = 4;
const SERVICES_ONLY = 6;
const NIGHT_BY_NIGHT = 1;
const PATH = 21;
const INACTIVE_DAYS = 90;

export const q06f: ReportQuestion<ReportUniverse> = {
  id: 'Q6f',
  title: 'Data Quality: Inactive Records: Street Outreach and Emergency Shelter',
  reports: ['apr', 'caper', 'dq'],
  compute(universe, params) {
    const since = addDays(params.to, -INACTIVE_DAYS);
    // Stayers in the project at least 90 days by the report end.
    const records = universe.people.filter((p) => p.inDqUniverse && p.isStayer && p.enrollment.entryDate <= since);
    const recent = (days: readonly string[]) => days.some((d) => d >= since && d <= params.to);
    const line = (label: string, group: ReportPerson[], active: (p: ReportPerson) => boolean) => {
      const inactive = group.filter((p) => !active(p));
      return row(label, [count(group), count(inactive), rate(inactive.length, group.length)]);
    };
    // OP's reading, as labelled (decided in docs/reports.md): adults and heads in SO or PATH-funded SSO.
    const outreach = records.filter(
      (p) => p.isAdultOrHead && (p.projectType === STREET_OUTREACH || (p.projectType === SERVICES_ONLY && p.project.funders.some((f) => f.funder === PATH))),
    );
    return {
      question: 'Q6f',
      title: this.title,
      header: ['Data Element', '# of Records', '# of Inactive Records', '% of Inactive Records'],
      rows: [
        line('Contact (Adults and Heads of Household in Street Outreach or PATH-funded SSO)', outreach, (p) =>
          recent(p.enrollment.contacts.map((c) => c.informationDate)),
        ),
        line(
          'Bed Night (All clients in ES – NBN)',
          records.filter((p) => p.projectType === NIGHT_BY_NIGHT),
          (p) => recent(p.enrollment.bedNights),
        ),
      ],
    };
  },
};
