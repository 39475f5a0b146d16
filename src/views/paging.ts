/**
 * Where a page starts: the offset a "show more" button carried, or the first page when it is not
 * a whole number inside the list (a list that shrank since, or a value someone made up).
 */
export function pageStart(offset: unknown, total: number): number {
  return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 && offset < total ? offset : 0;
}
