/**
 * 4.12 Current living situation: one record per contact with a client (HUD CurrentLivingSituation.csv). Dates are
 * `YYYY-MM-DD`, codes HUD's lists (3.12.1, 3.12.A, 1.8).
 */
export interface CurrentLivingSituation extends ContactFields {
  currentLivingSitId: string;
  enrollmentId: string;
  personalId: string;
  dateCreated: Date;
  dateUpdated: Date;
  userId: string;
}

/** A contact's answers once they follow HUD's rules. */
export interface ContactFields {
  /** The date of contact. */
  informationDate: string;
  currentLivingSituation: number;
  clsSubsidyType: number | null;
  /** Coordinated entry projects only. */
  verifiedBy: string | null;
  leaveSituation14Days: number | null;
  subsequentResidence: number | null;
  resourcesToObtain: number | null;
  leaseOwn60Day: number | null;
  movedTwoOrMore: number | null;
  locationDetails: string | null;
}

/** A contact as typed. */
export type ContactInput = Record<Exclude<keyof ContactFields, never>, string>;

export const EMPTY_CONTACT: ContactInput = {
  informationDate: '',
  currentLivingSituation: '',
  clsSubsidyType: '',
  verifiedBy: '',
  leaveSituation14Days: '',
  subsequentResidence: '',
  resourcesToObtain: '',
  leaseOwn60Day: '',
  movedTwoOrMore: '',
  locationDetails: '',
};

/** What the enrollment page shows of 4.12 and 4.13, where the project collects them for this member. */
export interface ContactsSection {
  enrollmentId: string;
  /** 4.12 is collected: the contacts, latest first. */
  contacts: CurrentLivingSituation[] | null;
  /** 4.13 is collected: the date of engagement (null until the client engages). */
  engagement: { dateOfEngagement: string | null } | null;
  canRecord: boolean;
  /** Coordinated entry projects also ask which project verified the situation. */
  asksVerifiedBy: boolean;
}
