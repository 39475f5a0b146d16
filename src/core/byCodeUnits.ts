/**
 * Orders identifiers, ISO dates (YYYY-MM-DD) and fixed codes by their characters' code units:
 * dates come out in date order, and the order is the same on every machine, in every locale and in
 * MongoDB's own sort, with no collation tables loaded to work it out. Names and other text that
 * staff read are ordered with `localeCompare` instead.
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
