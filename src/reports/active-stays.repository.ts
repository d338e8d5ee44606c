import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { ActiveStay } from './active-stays.model.js';

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** Project type 1: Emergency Shelter – Night-by-Night, counted by bed nights (Active Client Method 2). */
const NIGHT_BY_NIGHT = 1;
/** Services.RecordType 200: a bed night. */
const BED_NIGHT = 200;

/**
 * Each client's latest active enrollment in these projects (Method 1: entered by the report end and not exited
 * before its start; night-by-night shelters also need a bed night in the period or an exit in it), the latest by
 * entry date, then creation, then id. With a CoC code, only enrollments in that CoC (EnrollmentCoC).
 */
export async function activeStays(db: Db, projectIds: readonly string[], from: string, to: string, cocCode: string | null = null): Promise<ActiveStay[]> {
  if (projectIds.length === 0) return [];
  let query = db
    .selectFrom('enrollments as e')
    .innerJoin('projects as p', 'p.project_id', 'e.project_id')
    .innerJoin('clients as c', 'c.personal_id', 'e.personal_id')
    .leftJoin('exits as x', (join) => join.onRef('x.enrollment_id', '=', 'e.enrollment_id').on('x.date_deleted', 'is', null))
    .select([
      'e.enrollment_id',
      'e.personal_id',
      'e.project_id',
      'p.project_type',
      day('e.entry_date').as('entry_date'),
      day('x.exit_date').as('exit_date'),
      sql<number>`(select count(distinct s.date_provided)::int from services s
        where s.enrollment_id = e.enrollment_id and s.record_type = ${BED_NIGHT} and s.date_deleted is null
          and s.date_provided >= e.entry_date and s.date_provided <= ${to}::date)`.as('bed_nights'),
    ])
    .where('e.project_id', 'in', [...projectIds])
    .where('e.date_deleted', 'is', null)
    .where('c.date_deleted', 'is', null)
    .where('e.entry_date', '<=', to)
    .where((eb) => eb.or([eb('x.exit_date', 'is', null), eb('x.exit_date', '>=', from)]))
    .where((eb) =>
      eb.or([
        eb('p.project_type', 'is', null),
        eb('p.project_type', '!=', NIGHT_BY_NIGHT),
        eb('x.exit_date', '<=', to),
        eb.exists(
          eb
            .selectFrom('services as s')
            .select(sql`1`.as('one'))
            .whereRef('s.enrollment_id', '=', 'e.enrollment_id')
            .where('s.record_type', '=', BED_NIGHT)
            .where('s.date_deleted', 'is', null)
            .where('s.date_provided', '>=', from)
            .where('s.date_provided', '<=', to)
            .whereRef('s.date_provided', '>=', 'e.entry_date'),
        ),
      ]),
    );
  if (cocCode !== null) query = query.where('e.enrollment_coc', '=', cocCode);
  const rows = await query
    .orderBy('e.personal_id')
    .orderBy('e.entry_date', 'desc')
    .orderBy('e.date_created', 'desc')
    .orderBy('e.enrollment_id', 'desc')
    .execute();
  const latest = new Map<string, ActiveStay>();
  for (const r of rows) {
    if (latest.has(r.personal_id)) continue;
    latest.set(r.personal_id, {
      enrollmentId: r.enrollment_id,
      personalId: r.personal_id,
      projectId: r.project_id,
      projectType: r.project_type,
      entryDate: r.entry_date,
      exitDate: r.exit_date !== null && r.exit_date <= to ? r.exit_date : null,
      bedNights: r.bed_nights,
    });
  }
  return [...latest.values()];
}
