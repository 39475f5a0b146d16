import { z } from 'zod';
import { AppError, ErrorCode } from '../../core/errors.ts';
import { PLACEMENT_KINDS, providerSchema, type PlacementKind } from '../../core/placement/placement.ts';

/** What a placements spreadsheet can tell the bot, one column each. */
export const PLACEMENT_COLUMNS = ['pupilRef', 'initials', 'forename', 'surname', 'fullName', 'yearGroup', 'provider', 'kind', 'start', 'end', 'sessions'] as const;
export type PlacementColumn = (typeof PLACEMENT_COLUMNS)[number];

/** "Legal Surname", "legal_surname" and "LEGAL SURNAME" are one header. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The headers MIS exports and hand-kept spreadsheets use (Arbor, SIMS and Bromcom reports among
 * them), best first: a file with a pupil reference and an admission number is read by the reference.
 */
const HEADERS: Record<PlacementColumn, readonly string[]> = {
  pupilRef: ['pupilref', 'pupilreference', 'ref', 'reference', 'studentref', 'studentreference', 'misid', 'pupilid', 'studentid', 'admissionnumber', 'admissionno', 'adno', 'admno', 'upn', 'uniquepupilnumber'],
  initials: ['initials', 'pupilinitials', 'studentinitials'],
  forename: ['forename', 'firstname', 'legalforename', 'legalfirstname', 'preferredforename', 'preferredfirstname', 'givenname', 'chosenforename'],
  surname: ['surname', 'lastname', 'legalsurname', 'legallastname', 'preferredsurname', 'familyname'],
  fullName: ['name', 'pupilname', 'studentname', 'fullname', 'pupil', 'student'],
  yearGroup: ['yeargroup', 'year', 'ncyear', 'yr', 'nationalcurriculumyear', 'curriculumyear'],
  provider: ['provider', 'providername', 'alternativeprovision', 'approvider', 'provision', 'setting', 'placementprovider'],
  kind: ['kind', 'placementkind', 'placementtype', 'provisiontype', 'aptype', 'type'],
  start: ['start', 'startdate', 'placementstart', 'placementstartdate', 'datefrom', 'from'],
  end: ['end', 'enddate', 'placementend', 'placementenddate', 'plannedend', 'plannedenddate', 'expectedenddate', 'dateto', 'to'],
  sessions: ['sessions', 'timetable', 'sessionsattending', 'daysattending', 'days', 'pattern', 'attendancepattern'],
};

/** The words schools use for each kind of placement, as header keys. */
const KIND_WORDS: Record<PlacementKind, readonly string[]> = {
  off_site_ap: ['offsiteap', 'offsite', 'offsitealternativeprovision', 'alternativeprovision', 'ap', 'external', 'externalprovision', 'registeredap', 'unregisteredap', 'apoffsite'],
  on_site_ap: ['onsiteap', 'onsite', 'onsitealternativeprovision', 'inclusionunit', 'internal', 'internalap', 'apbase'],
  off_site_direction: ['offsitedirection', 'direction', 'directedoffsite', 'directed'],
  suspension_provision: ['suspensionprovision', 'suspension', 'sixthdayprovision'],
  part_time_timetable: ['parttimetimetable', 'parttime', 'ptt', 'reducedtimetable', 'adjustedtimetable'],
  flexi_schooling: ['flexischooling', 'flexi', 'flexible'],
};

const mappedProvider = providerSchema.and(z.object({ aliases: z.array(z.string().min(1)).default([]) }));

/** A mapping file: what a school's export calls things the bot cannot recognise itself. */
export const importMappingSchema = z.strictObject({
  /** Which column holds what, for headers not recognised on their own. */
  columns: z.partialRecord(z.enum(PLACEMENT_COLUMNS), z.string().min(1)).default({}),
  /** The file's own words for a kind of placement ("Farm placement": off_site_ap). */
  kinds: z.record(z.string().min(1), z.enum(PLACEMENT_KINDS)).default({}),
  /** The kind of every row, when the file has no column for it. */
  kind: z.enum(PLACEMENT_KINDS).optional(),
  /** Providers the file names, with the other names it gives them. */
  providers: z.array(mappedProvider).default([]),
});
export type ImportMapping = z.output<typeof importMappingSchema>;
export const NO_MAPPING: ImportMapping = { columns: {}, kinds: {}, providers: [] };

export interface RecognisedColumns {
  columns: Partial<Record<PlacementColumn, string>>;
  /** Headers that are not read at all: nothing in them is kept. */
  ignored: string[];
}

/** Which header holds which field: the mapping file's choice first, then the headers known here. */
export function recogniseColumns(headers: readonly string[], mapping: ImportMapping): RecognisedColumns {
  const columns: Partial<Record<PlacementColumn, string>> = {};
  for (const [field, header] of Object.entries(mapping.columns) as [PlacementColumn, string][]) {
    const found = headers.find((h) => headerKey(h) === headerKey(header));
    if (!found) throw new AppError(ErrorCode.InvalidInput, `The mapping names column "${header}" for ${field}, but the file has no such column. Its columns are: ${headers.join(', ')}.`);
    columns[field] = found;
  }
  const taken = new Set(Object.values(columns));
  for (const field of PLACEMENT_COLUMNS) {
    if (columns[field]) continue;
    for (const alias of HEADERS[field]) {
      const found = headers.find((h) => !taken.has(h) && headerKey(h) === alias);
      if (found) {
        columns[field] = found;
        taken.add(found);
        break;
      }
    }
  }
  const missing: string[] = [];
  if (!columns.pupilRef) missing.push('a pupil reference (pupil ref, admission number or UPN)');
  if (!columns.initials && !columns.fullName && !(columns.forename && columns.surname)) missing.push('initials (or forename and surname)');
  if (!columns.kind && !mapping.kind) missing.push('the kind of placement (or `kind:` in a mapping file)');
  if (!columns.start) missing.push('a start date');
  if (missing.length > 0)
    throw new AppError(
      ErrorCode.InvalidInput,
      `The file's columns (${headers.join(', ')}) do not say ${missing.join('; ')}. Name them in a mapping file (--map), e.g. columns: { pupilRef: "Adno" }.`,
    );
  return { columns, ignored: headers.filter((h) => !taken.has(h)) };
}

/** A kind of placement from the file's words for it. */
export function kindOf(cell: string, mapping: ImportMapping): PlacementKind | undefined {
  const key = headerKey(cell);
  const mapped = Object.entries(mapping.kinds).find(([word]) => headerKey(word) === key);
  if (mapped) return mapped[1];
  return PLACEMENT_KINDS.find((kind) => headerKey(kind) === key || KIND_WORDS[kind].includes(key));
}
