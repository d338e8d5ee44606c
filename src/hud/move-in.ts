/**
 * 3.20: the move-in date a member joining a household takes from its head (HUD's "Handling Housing Move-In Dates":
 * members present at move-in take the head's date, members who join later their own entry date).
 */
export function joiningMemberMoveIn(headMoveInDate: string | null, entryDate: string): string | null {
  if (headMoveInDate === null) return null;
  return entryDate > headMoveInDate ? entryDate : headMoveInDate;
}
