/** 3.20 Housing move-in date as an enrollment's page shows it, for a project that collects it. */
export interface MoveInStatus {
  enrollmentId: string;
  /** This enrollment is the head of household's: the only one the date is recorded on. */
  isHead: boolean;
  /** YYYY-MM-DD: this enrollment's date (a member's is taken from the head's). */
  moveInDate: string | null;
  /** The head of household's date, on a member's page. */
  headMoveInDate: string | null;
  /** The viewer may record or correct it (the head's enrollment, and the viewer may change enrollments there). */
  canRecord: boolean;
}
