import { sql, type RawBuilder } from 'kysely';

/**
 * A HUD date-time (`yyyy-mm-dd hh:mm:ss`, written in the site's time zone) as a timestamp; an empty one is `now`.
 * What an import stores in DateCreated, DateUpdated and DateDeleted.
 */
export function hudTimestamp(value: string | null, timeZone: string, now: Date): RawBuilder<Date> {
  return value === null ? sql<Date>`${now}::timestamptz` : sql<Date>`(${value}::timestamp at time zone ${timeZone})`;
}

/** HUD's bookkeeping columns of an imported row: date-times as HUD writes them (null: not given). */
export interface HudBookkeepingValues {
  dateCreated: string | null;
  dateUpdated: string | null;
  userId: string;
  dateDeleted: string | null;
}

/** HUD's bookkeeping columns as stored: DateCreated and DateUpdated default to `now`, DateDeleted stays empty. */
export function hudBookkeepingColumns(row: HudBookkeepingValues, timeZone: string, now: Date) {
  return {
    date_created: hudTimestamp(row.dateCreated, timeZone, now),
    date_updated: hudTimestamp(row.dateUpdated, timeZone, now),
    user_id: row.userId,
    date_deleted: row.dateDeleted === null ? null : hudTimestamp(row.dateDeleted, timeZone, now),
  };
}
