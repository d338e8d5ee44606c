import type { Viewer } from '../../src/access/access-policy.js';
import { EMPTY_PROJECT_COC } from '../../src/projects/project-setup-fields.js';
import type { SiteServices } from '../../src/sites/site-services.js';

const SETUP_ADMIN: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };
const ACTOR = { userId: null, username: 'setup', ip: null };

/**
 * Gives projects a 2.03 CoC record, as an administrator sets a project up before anyone enrolls in it: 3.16
 * Enrollment CoC is chosen from these codes, and a project without one refuses enrollments.
 */
export async function addCoc(site: SiteServices, projectIds: readonly string[], cocCode = 'XX-501'): Promise<void> {
  for (const projectId of projectIds) {
    await site.projectSetup.addProjectCoc(SETUP_ADMIN, projectId, { ...EMPTY_PROJECT_COC, cocCode, geocode: '119999', geographyType: '1' }, ACTOR);
  }
}
