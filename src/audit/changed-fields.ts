/**
 * The fields of `after` whose values differ from `before`, for an audit entry: it says what changed, never
 * the values. Values compare by content (as JSON), so a list or a record that is equal counts as unchanged.
 * `names` gives a field the name audit entries use for it, when that is not its own.
 */
export function changedFields<T extends object>(before: T, after: Partial<T>, names: Partial<Record<keyof T, string>> = {}): string[] {
  return (Object.keys(after) as (keyof T)[])
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => names[key] ?? String(key));
}
