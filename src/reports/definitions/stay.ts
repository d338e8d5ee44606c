import { addDays, daysBetween } from '../../hud/calendar-days.js';

/** The project type whose clients are active and whose stays are counted by bed night (Method 2). */
export const NIGHT_BY_NIGHT = 1;

/**
 * §1.6: days of participation. A leaver's exit minus entry (0 on the same day); a stayer's report end + 1 minus
 * entry; in a night-by-night shelter, the distinct bed nights from entry to the exit (or the report end).
 */
export function lengthOfStay(
  stay: { entryDate: string; exitDate: string | null; bedNights: readonly string[] },
  projectType: number,
  reportEnd: string,
): number {
  if (projectType === NIGHT_BY_NIGHT) {
    const last = stay.exitDate ?? reportEnd;
    return stay.bedNights.filter((night) => night >= stay.entryDate && night <= last).length;
  }
  return daysBetween(stay.entryDate, stay.exitDate ?? addDays(reportEnd, 1));
}

/**
 * §1.6, "Heads of household and adult stayers in the project 365 days or more": stayer heads with 365 days or more,
 * the adult stayers of their households, and adult stayers with 365 days or more of their own.
 */
export function isLongStayer(
  member: { isStayer: boolean; isHead: boolean; isAdult: boolean; lengthOfStay: number },
  headOfHousehold: { isStayer: boolean; lengthOfStay: number } | null,
): boolean {
  if (!member.isStayer) return false;
  if (member.isHead) return member.lengthOfStay >= 365;
  if (!member.isAdult) return false;
  return member.lengthOfStay >= 365 || (headOfHousehold !== null && headOfHousehold.isStayer && headOfHousehold.lengthOfStay >= 365);
}
