import type pg from 'pg';

/**
 * The generated data of bench:export and bench:reports, made in the database with generate_series: one agency's
 * 20 projects (Services Only), the clients, and twice as many enrollments in 2025 (one-person households), half of
 * them exited 30 days after entry.
 */
export async function generateEnrollments(pool: pg.Pool, clients: number): Promise<void> {
  const run = (text: string, params: unknown[] = []) => pool.query(text, params);
  await run(`insert into organizations (organization_id, organization_name, victim_service_provider, date_created, date_updated, user_id)
             values (md5('o'), 'Bench Agency', 0, now(), now(), 'bench')`);
  await run(`insert into projects (project_id, organization_id, project_name, operating_start_date, continuum_project, project_type,
               residential_affiliation, date_created, date_updated, user_id)
             select md5('p' || i), md5('o'), 'Bench project ' || i, '2020-01-01', 1, 6, 0, now(), now(), 'bench' from generate_series(1, 20) i`);
  await run(`insert into project_cocs (project_coc_id, project_id, coc_code, geocode, date_created, date_updated, user_id)
             select md5('c' || i), md5('p' || i), 'XX-501', '119999', now(), now(), 'bench' from generate_series(1, 20) i`);
  await run(`insert into clients (personal_id, first_name, last_name, name_data_quality, ssn, ssn_data_quality, dob, dob_data_quality,
               white, sex, veteran_status, date_created, date_updated, user_id)
             select md5('c' || i), 'First' || i, 'Last' || i, 1, lpad((i % 1000000000)::text, 9, '0'), 1,
               date '1950-01-01' + (i % 20000), 1, 1, i % 2, 0, now(), now(), 'bench'
             from generate_series(1, $1::int) i`, [clients]);
  await run(`insert into enrollments (enrollment_id, personal_id, project_id, entry_date, household_id, relationship_to_hoh,
               disabling_condition, date_created, date_updated, user_id)
             select md5('e' || i), md5('c' || ((i - 1) % $1 + 1)), md5('p' || (i % 20 + 1)), date '2025-01-01' + (i % 365),
               md5('h' || i), 1, 0, now(), now(), 'bench'
             from generate_series(1, $1::int * 2) i`, [clients]);
  await run(`insert into exits (exit_id, enrollment_id, personal_id, exit_date, destination, date_created, date_updated, user_id)
             select md5('x' || i), md5('e' || i), md5('c' || ((i - 1) % $1 + 1)), date '2025-01-01' + (i % 365) + 30, 99, now(), now(), 'bench'
             from generate_series(1, $1::int * 2, 2) i`, [clients]);
  await run('analyze');
}
