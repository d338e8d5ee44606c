import type { SiteId } from '../site-id.js';

/** Only same-site relative paths are followed after login; anything else goes home (S48). */
export function safeNextPath(site: SiteId, next: unknown): string {
  const home = `/${site}/`;
  if (typeof next !== 'string' || next.length > 500) return home;
  if (!next.startsWith(home) || next.startsWith('//') || /[\\\u0000-\u001f]/.test(next)) return home;
  if (/^\/[^/]+\/(login|logout|reset|forgot-password)/.test(next)) return home;
  return next;
}
