/**
 * §1.9. A veteran is an adult with 3.07 = Yes. A youth household has no member known to be over 24 (Data Lab: the
 * oldest known age); its members aged 12–24 are youth. A parenting youth is a youth head or adult in a youth
 * household with a child (0–17) of the head.
 */
export function isVeteran(isAdult: boolean, veteranStatus: number): boolean {
  return isAdult && veteranStatus === 1;
}

export interface PopulationMember {
  age: number | null;
  relationshipToHoh: number;
}

export function isYouthHousehold(members: readonly PopulationMember[]): boolean {
  const known = members.filter((m) => m.age !== null);
  return known.length > 0 && known.every((m) => m.age! <= 24);
}

export function isYouth(member: PopulationMember, youthHousehold: boolean): boolean {
  return youthHousehold && member.age !== null && member.age >= 12 && member.age <= 24;
}

export function isParentingYouth(member: PopulationMember, household: readonly PopulationMember[]): boolean {
  const youthHousehold = isYouthHousehold(household);
  if (!isYouth(member, youthHousehold)) return false;
  if (member.relationshipToHoh !== 1 && member.age! < 18) return false;
  return household.some((m) => m.relationshipToHoh === 2 && m.age !== null && m.age < 18);
}
