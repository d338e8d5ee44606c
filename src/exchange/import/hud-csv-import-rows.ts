import { createHash } from 'node:crypto';
import { HUD_USER_ID_MAX } from '../../hud/ids.js';
import type { ImportedBookkeeping, ImportedOrganization, ImportedProject } from './hud-csv-import.model.js';

/**
 * Validated HUD rows (FY2026 names, '' = empty) as the records Hearth stores. The validator has already reported
 * every value outside its list or of the wrong shape as a warning; here such a value, which Hearth's tables refuse,
 * becomes empty, or the code HUD uses for "no" where a value is required.
 */
type Values = Readonly<Record<string, string>>;

const text = (value: string | undefined) => (value === undefined || value === '' ? null : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** A code Hearth's table takes (the allowed codes are those of the table's check, migration 0004), or null. */
function code(value: string | undefined, allowed: readonly number[]): number | null {
  if (value === undefined || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return allowed.includes(n) ? n : null;
}

const noYes = (value: string | undefined): 0 | 1 => (code(value, [0, 1]) ?? 0) as 0 | 1;
const count = (value: string | undefined) => (value !== undefined && /^\d+$/.test(value) ? Number(value) : null);
const dateTime = (value: string | undefined) => (value !== undefined && DATETIME.test(value) ? value : null);

/**
 * A source's UserID as Hearth keeps it. Hearth reads a UserID of digits only as one of its own accounts (ids.ts
 * hudUserId), so a source's "42" kept as it is would name Hearth's account 42, who never touched the record. Such
 * an id, and one that already starts with the mark, is kept behind a `#` ("#42"): distinct source ids stay distinct,
 * and none can be read as an account. Any other UserID ("francis") is kept as it is. Past HUD's 32 characters, the
 * marked id is a digest of the source id.
 */
export function importedUserId(sourceUserId: string): string {
  if (!/^[0-9]+$/.test(sourceUserId) && !sourceUserId.startsWith(USER_ID_MARK)) return sourceUserId;
  const marked = `${USER_ID_MARK}${sourceUserId}`;
  return marked.length <= HUD_USER_ID_MAX ? marked : `${USER_ID_MARK}${createHash('sha256').update(sourceUserId).digest('hex').slice(0, HUD_USER_ID_MAX - 1)}`;
}

const USER_ID_MARK = '#';

export function bookkeepingOf(values: Values, importingUser: string): ImportedBookkeeping {
  const userId = text(values.UserID);
  return {
    dateCreated: dateTime(values.DateCreated),
    dateUpdated: dateTime(values.DateUpdated),
    userId: userId === null ? importingUser : importedUserId(userId),
    dateDeleted: dateTime(values.DateDeleted),
  };
}

export function organizationOf(values: Values, organizationId: string, importingUser: string): ImportedOrganization {
  return {
    organizationId,
    organizationName: (text(values.OrganizationName) ?? `Organization ${values.OrganizationID}`).slice(0, 200),
    victimServiceProvider: noYes(values.VictimServiceProvider),
    organizationCommonName: text(values.OrganizationCommonName)?.slice(0, 200) ?? null,
    ...bookkeepingOf(values, importingUser),
  };
}

/** `today` stands for an operating start date the source left empty (Hearth needs one), when DateCreated is empty too. */
export function projectOf(values: Values, ids: { projectId: string; organizationId: string }, importingUser: string, today: string): ImportedProject {
  const start = values.OperatingStartDate ?? '';
  const created = values.DateCreated ?? '';
  return {
    ...ids,
    projectName: values.ProjectName!.slice(0, 200),
    projectCommonName: text(values.ProjectCommonName)?.slice(0, 200) ?? null,
    operatingStartDate: DATE.test(start) ? start : DATETIME.test(created) ? created.slice(0, 10) : today,
    operatingEndDate: DATE.test(values.OperatingEndDate ?? '') ? values.OperatingEndDate! : null,
    continuumProject: noYes(values.ContinuumProject),
    projectType: code(values.ProjectType, [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14]),
    housingType: code(values.HousingType, [1, 2, 3]),
    rrhSubType: code(values.RRHSubType, [1, 2]),
    residentialAffiliation: code(values.ResidentialAffiliation, [0, 1]),
    targetPopulation: code(values.TargetPopulation, [1, 3, 4]),
    hopwaMedAssistedLivingFac: code(values.HOPWAMedAssistedLivingFac, [0, 1, 2]),
    pitCount: count(values.PITCount),
    ...bookkeepingOf(values, importingUser),
  };
}
