/**
 * What `?done=` says after a change redirected back to a page: the key of one of the page's own messages, or null
 * for anything else (the query string is typed by whoever sends the link, so only known messages are shown).
 */
export function doneOf<Messages extends Readonly<Record<string, string>>>(messages: Messages, query: unknown): keyof Messages | null {
  const done = query && typeof query === 'object' ? (query as Record<string, unknown>).done : undefined;
  return typeof done === 'string' && Object.hasOwn(messages, done) ? done : null;
}
