/** Dates on pages are shown in the site's time zone, e.g. "Nov 27, 2026, 9:15 AM EST". */
export function formatDateTime(date: Date | null | undefined, timeZone: string): string {
  if (!date) return '—';
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date) + ' ' + zoneAbbreviation(date, timeZone);
}

export function formatDate(date: Date | null | undefined, timeZone: string): string {
  if (!date) return '—';
  return new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'long' }).format(date);
}

function zoneAbbreviation(date: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}
