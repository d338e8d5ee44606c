export const SITE_IDS = ['training', 'live'] as const;
export type SiteId = (typeof SITE_IDS)[number];

export function isSiteId(value: string): value is SiteId {
  return (SITE_IDS as readonly string[]).includes(value);
}

export const SITE_NAMES: Record<SiteId, string> = {
  training: 'Training site',
  live: 'Live site',
};

export const SITE_DESCRIPTIONS: Record<SiteId, string> = {
  training:
    'Exclusively used for training: a safe place to practise. New and returning users hone their skills here with fictitious data.',
  live: 'The live HMIS database: current client profiles and projects, as well as old project data.',
};
