import type { Database } from './schema.js';

/**
 * Every table besides enrollments and exits whose rows hang off an enrollment and carry its client's PersonalID
 * (stage records of migration 0011, occurrence records of 0012). A new such table goes here: a client merge moves
 * its rows to the kept PersonalID, and the Training reset clears it with the enrollments.
 */
export const ENROLLMENT_RECORD_TABLES = [
  'income_benefits',
  'health_and_dv',
  'disabilities',
  'services',
  'current_living_situations',
  'assessment_results',
  'assessment_questions',
  'assessments',
  'events',
] as const satisfies readonly (keyof Database)[];
