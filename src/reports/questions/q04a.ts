import { hearthVersion } from '../../version.js';
import type { ReportCell, ReportQuestion } from '../report.model.js';
import type { ReportProject, ReportUniverse } from '../universe.model.js';
import { count } from './table-kit.js';

const text = (value: string | number | null): ReportCell => ({ value });

/**
 * 2.09.1 Access Point on the day that matters (the operating end date when it falls in the report, else the report
 * end): among the participation records effective that day, the latest by end date, start date, update (§3 Q4a).
 */
export function accessPointOn(project: ReportProject, from: string, to: string): number {
  const end = project.operatingEndDate;
  const day = end !== null && end >= from && end < to ? end : to;
  const effective = project.ceParticipations
    .filter((c) => c.startDate <= day && (c.endDate === null || c.endDate >= day))
    .sort(
      (a, b) =>
        (a.endDate ?? '9999-12-31').localeCompare(b.endDate ?? '9999-12-31') ||
        a.startDate.localeCompare(b.startDate) ||
        a.dateUpdated.getTime() - b.dateUpdated.getTime(),
    );
  return effective.at(-1)?.accessPoint ?? 0;
}

export const q04a: ReportQuestion<ReportUniverse> = {
  id: 'Q4a',
  title: 'Project Identifiers in HMIS',
  reports: ['apr', 'caper'],
  compute(universe, params) {
    const software = `Hearth ${hearthVersion()}`;
    return {
      question: 'Q4a',
      title: this.title,
      header: [
        'Organization Name',
        'Organization ID',
        'Project Name',
        'Project ID',
        'HMIS Project Type',
        'RRH Subtype',
        'Coordinated Entry Access Point',
        'Affiliated with a residential project',
        'Project IDs of affiliations',
        'CoC Number',
        'Geocode',
        'Victim Service Provider',
        'HMIS Software Name',
        'Report Start Date',
        'Report End Date',
        'Total Active Clients',
        'Total Active Households',
      ],
      rows: [...universe.projects.values()].map((p) => {
        const people = universe.people.filter((person) => person.project.projectId === p.projectId);
        const affiliated = p.projectType === 6 || (p.projectType === 13 && p.rrhSubType === 1) ? (p.residentialAffiliation ?? 0) : 0;
        return {
          label: p.organizationName,
          cells: [
            text(p.organizationId),
            text(p.projectName),
            text(p.projectId),
            text(p.projectType),
            text(p.projectType === 13 ? p.rrhSubType : null),
            text(accessPointOn(p, params.from, params.to)),
            text(affiliated),
            text(affiliated === 1 ? p.affiliatedProjectIds.join(',') : null),
            text(p.cocs.map((c) => c.cocCode).join(',')),
            text(p.cocs.map((c) => c.geocode).join(',')),
            text(p.victimServiceProvider ?? 0),
            text(software),
            text(params.from),
            text(params.to),
            count(people),
            count(people.filter((person) => person.isHead)),
          ],
        };
      }),
    };
  },
};
