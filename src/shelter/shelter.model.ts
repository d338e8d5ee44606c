import type { ClientSummary } from '../clients/clients.model.js';
import type { ProjectSummary } from '../projects/projects.model.js';

/**
 * 4.14 Bed-night date: one night a client slept in a night-by-night emergency shelter. Stored as HUD's
 * Services.csv row (RecordType 200, TypeProvided 200, DateProvided = the night, `YYYY-MM-DD`).
 */
export interface BedNight {
  servicesId: string;
  enrollmentId: string;
  personalId: string;
  /** The night, as the calendar day it began. */
  night: string;
  dateCreated: Date;
  dateUpdated: Date;
  /** HUD UserID: the username of whoever recorded it. */
  userId: string;
}

/** A guest whose stay is open on the night: who, since when, and the nights they slept here. */
export interface CheckInGuest {
  enrollmentId: string;
  personalId: string;
  client: ClientSummary;
  relationshipToHoH: number;
  entryDate: string;
  /** Their last bed night before this one, if any. */
  lastNight: string | null;
  /** Already checked in for this night. */
  checkedIn: boolean;
}

export interface CheckInHousehold {
  householdId: string;
  /** The head first. */
  members: CheckInGuest[];
  /** Someone of the household slept here the night before. */
  hereLastNight: boolean;
}

/** A night-by-night shelter's list for one night: every household whose stay is open that night. */
export interface CheckInSheet {
  project: ProjectSummary;
  /** YYYY-MM-DD */
  night: string;
  today: string;
  /** Households with someone here the night before first, then the others, newest stays first. */
  households: CheckInHousehold[];
  /** Guests already checked in for the night. */
  checkedIn: number;
  /** More open stays than the list holds. */
  truncated: boolean;
}

/** What a check-in form sends: the night typed, and the guests ticked. */
export interface CheckInInput {
  night: string;
  /** Open stays ticked one by one. */
  enrollmentIds: readonly string[];
  /** Whole households ticked: every member whose stay is open that night. */
  householdIds: readonly string[];
  /** Clients found by search who have no open stay here: each gets one. */
  personalIds: readonly string[];
}

export interface CheckInResult {
  night: string;
  /** Bed nights recorded by this check-in. */
  checkedIn: number;
  /** Guests ticked who already had a bed night for the night. */
  alreadyIn: number;
  /** Stays opened for guests who had none. */
  opened: { enrollmentId: string; personalId: string }[];
}

/** The enrollment page's 4.14 section: the stay's bed nights, latest first, each removable when recorded by mistake. */
export interface BedNightsSection {
  enrollmentId: string;
  /** The latest nights, or all of them when asked. */
  nights: BedNight[];
  /** How many bed nights the stay has in all. */
  total: number;
  canRemove: boolean;
}

/** Removing a guest checked in by mistake for a night, from the check-in screen. */
export interface UncheckInput {
  night: string;
  enrollmentId: string;
}
