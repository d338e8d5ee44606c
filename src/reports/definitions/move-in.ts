import { joiningMemberMoveIn } from '../../hud/move-in.js';

/** The project types with a housing move-in date (§1.7): PSH (3) and RRH (13); Other (7) when Pay for Success funds it. */
export function hasMoveIn(projectType: number, funders: readonly number[]): boolean {
  return projectType === 3 || projectType === 13 || (projectType === 7 && funders.includes(35));
}

/**
 * §1.7: the head's move-in date counts only between the head's entry and the earlier of their exit and the report
 * end; otherwise it is disregarded.
 */
export function headMoveInDate(head: { entryDate: string; exitDate: string | null; moveInDate: string | null }, reportEnd: string): string | null {
  const date = head.moveInDate;
  if (date === null) return null;
  const last = head.exitDate !== null && head.exitDate < reportEnd ? head.exitDate : reportEnd;
  return date >= head.entryDate && date <= last ? date : null;
}

/**
 * §1.7, the FY2026 glossary's three rules for a member: present on the head's move-in date → that date; joined a
 * household already housed → their own entry date; left before the move-in → none.
 */
export function memberMoveInDate(member: { entryDate: string; exitDate: string | null }, headMoveIn: string | null): string | null {
  if (headMoveIn !== null && member.exitDate !== null && member.exitDate < headMoveIn) return null;
  return joiningMemberMoveIn(headMoveIn, member.entryDate);
}
