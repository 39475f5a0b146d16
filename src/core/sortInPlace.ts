/**
 * Sorts a short list in place, stably, as `Array.prototype.sort` would. V8's sort sets up about a
 * kilobyte of working state on every call, however short the list; a sweep sorts a few obligations
 * for each of tens of thousands of placements, so short lists are sorted by insertion instead.
 */
export function sortInPlace<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > SHORT) return list.sort(compare);
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(list[j] as T, item) > 0) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}

const SHORT = 16;
