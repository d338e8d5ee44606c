/**
 * §1.14: the point-in-time dates (the last Wednesday of January, April, July and October, each the most recent
 * on or before the report end) and who is present on one.
 */
const PIT_MONTHS = [
  { label: 'January', month: 1 },
  { label: 'April', month: 4 },
  { label: 'July', month: 7 },
  { label: 'October', month: 10 },
] as const;

function lastWednesday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - ((last.getUTCDay() - 3 + 7) % 7));
  return last.toISOString().slice(0, 10);
}

export function pointInTimeDates(reportEnd: string): { label: string; date: string }[] {
  const year = Number(reportEnd.slice(0, 4));
  return PIT_MONTHS.map(({ label, month }) => {
    const date = lastWednesday(year, month);
    return { label, date: date <= reportEnd ? date : lastWednesday(year - 1, month) };
  });
}

export interface PitStay {
  projectType: number;
  entryDate: string;
  exitDate: string | null;
  moveInDate: string | null;
  bedNights: readonly string[];
}

/** The exit day counts as present only in the service projects (SO, SSO, Other, Day Shelter, HP, CE: OP's rule). */
const EXIT_DAY_PRESENT: ReadonlySet<number> = new Set([4, 6, 7, 11, 12, 14]);

export function presentOn(stay: PitStay, day: string): boolean {
  if (stay.entryDate > day) return false;
  if (stay.projectType === 1) return stay.bedNights.includes(day);
  const stillIn = stay.exitDate === null || stay.exitDate > day || (EXIT_DAY_PRESENT.has(stay.projectType) && stay.exitDate === day);
  if (stay.projectType === 3 || stay.projectType === 13) return stillIn && stay.moveInDate !== null && stay.moveInDate <= day;
  return stillIn;
}
