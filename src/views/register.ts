import { z } from 'zod';
import { shortDate, type LocalDate } from '../core/calendar/localDate.ts';
import type { Actor } from '../core/decisions/decision.ts';
import { compareObligations } from '../core/obligations/deriveObligations.ts';
import type { Obligation } from '../core/obligations/obligation.ts';
import { actingRole, type Action } from '../core/permissions.ts';
import { CONCERN_CATEGORIES } from '../core/placement/events.ts';
import { FULL_TIME, PLACEMENT_KINDS, WEEKDAYS, type Placement } from '../core/placement/placement.ts';
import type { Role } from '../core/policy/roles.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { parseOrThrow } from '../core/validation.ts';
import { attendanceByWeek, marksBetween, tally, tallyWords, type AttendanceWeek } from './attendanceWeeks.ts';
import { kindName, pupilLabel, roleName, sentence, staffName } from './names.ts';
import { obligationTitle } from './obligationWords.ts';
import { dueWhen, todayOf } from './when.ts';

export const RAG = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAG)[number];
const RAG_WORDS: Record<Rag, string> = { red: 'Red: late', amber: 'Amber: due soon', green: 'Green: on track' };

export const REGISTER_COLUMNS = ['pupil', 'kind', 'provider', 'days', 'attendance', 'lastReview', 'lastQaVisit', 'next', 'owner', 'status'] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];
const COLUMN_TITLES: Record<RegisterColumn, string> = {
  pupil: 'Pupil',
  kind: 'Kind',
  provider: 'Provider',
  days: 'Days and sessions',
  attendance: 'Attendance this half-term',
  lastReview: 'Last review',
  lastQaVisit: 'Last QA visit',
  next: 'Next duty',
  owner: 'Whose',
  status: 'Status',
};

const choice = z.string().trim().max(100).optional().transform((v) => (v === '' ? undefined : v));

/** What the register's address asks for: filters and a sort, each checked (a bad value is named, never guessed). */
export const registerQuerySchema = z.object({
  kind: z.enum(PLACEMENT_KINDS).optional().or(z.literal('').transform(() => undefined)),
  provider: choice,
  owner: choice,
  status: z.enum(RAG).optional().or(z.literal('').transform(() => undefined)),
  sort: z.enum(REGISTER_COLUMNS).default('status'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type RegisterQuery = z.output<typeof registerQuerySchema>;

export function registerQuery(raw: Record<string, string | undefined>): RegisterQuery {
  return parseOrThrow(registerQuerySchema, raw, 'The register address');
}

export interface RegisterRow {
  placementId: string;
  pupilRef: string;
  /** "JS · Y9-0412" */
  pupil: string;
  kind: string;
  provider: string;
  /** "Mon am · Tue am pm" */
  days: string;
  sessionsPerWeek: number;
  attendance: { percent: number | null; text: string; weeks: AttendanceWeek[] };
  lastReview: LocalDate | null;
  lastQaVisit: LocalDate | null;
  next: { title: string; dueDate: LocalDate; when: string } | null;
  owner: string;
  status: Rag;
  statusText: string;
  /** "1 safeguarding" when the viewer may see that concerns were logged; null otherwise. */
  concerns: string | null;
}

export interface FilterOption {
  value: string;
  title: string;
}

export interface RegisterColumnView {
  key: RegisterColumn;
  title: string;
  /** 'ascending' / 'descending' on the column the rows are sorted by, for aria-sort. */
  sorted: 'ascending' | 'descending' | null;
}

export interface RegisterView {
  view: 'register';
  title: string;
  school: string;
  viewer: string;
  today: string;
  columns: RegisterColumnView[];
  rows: RegisterRow[];
  /** "Showing 3 of 10 open placements" */
  shown: string;
  filters: { kind: FilterOption[]; provider: FilterOption[]; owner: FilterOption[]; status: FilterOption[] };
  query: RegisterQuery;
  showConcerns: boolean;
  mayExportAudit: boolean;
  mayReadReport: boolean;
}

/** What a governor sees: how many pupils, by kind and by status, never who. */
export interface RegisterCountsView {
  view: 'registerCounts';
  title: string;
  school: string;
  viewer: string;
  today: string;
  total: number;
  byKind: { title: string; count: number }[];
  byStatus: { title: string; count: number }[];
  mayReadReport: boolean;
}

export function may(viewer: Actor, action: Action, school: School): boolean {
  return actingRole(viewer.roles, action, school.config.permissions) !== null;
}

/** Red when anything is late, amber when something is due or coming up, green otherwise: from the stages. */
export function ragOf(obligations: readonly Obligation[]): Rag {
  if (obligations.some((o) => o.stage === 'overdue' || o.stage === 'escalated')) return 'red';
  if (obligations.some((o) => o.stage === 'due' || o.stage === 'upcoming')) return 'amber';
  return 'green';
}

/** Who does a duty: the person named on the placement, the one holder of the role, or the role. */
export function ownerOf(school: School, placement: Placement, role: Role): string {
  const named = placement.owners?.[role];
  if (named !== undefined) return staffName(school, named);
  const holders = school.config.staff.filter((s) => s.roles.includes(role));
  return holders.length === 1 ? (holders[0]?.name ?? roleName(role)) : sentence(roleName(role));
}

function daysWords(placement: Placement): { text: string; sessions: number } {
  const timetable = placement.timetable ?? FULL_TIME;
  const days = WEEKDAYS.filter((d) => timetable[d].length > 0).map((d) => `${sentence(d)} ${timetable[d].join(' ').toUpperCase()}`);
  const sessions = WEEKDAYS.reduce((n, d) => n + timetable[d].length, 0);
  return { text: sessions === 10 ? 'Full time' : days.length === 0 ? 'No sessions' : days.join(' · '), sessions };
}

const latest = (placement: Placement, type: 'review' | 'qa_visit'): LocalDate | null =>
  placement.history.reduce<LocalDate | null>((last, e) => (e.type === type && (last === null || e.on > last) ? e.on : last), null);

/** The half-term today is in (or, in a holiday, the one just gone), up to today. */
export function halfTermSoFar(school: School, today: LocalDate): { start: LocalDate; end: LocalDate } | null {
  const current = school.calendar.halfTerms.filter((h) => h.start <= today).at(-1);
  return current ? { start: current.start, end: today < current.end ? today : current.end } : null;
}

function concernWords(placement: Placement): string {
  const concerns = placement.history.filter((e) => e.type === 'concern');
  if (concerns.length === 0) return 'None';
  return CONCERN_CATEGORIES.map((c) => [c, concerns.filter((e) => e.category === c).length] as const)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${n} ${sentence(c).toLowerCase()}`)
    .join(', ');
}

export function registerRow(school: School, placement: Placement, obligations: readonly Obligation[], now: Date, showConcerns: boolean): RegisterRow {
  const today = todayOf(now, school);
  const period = halfTermSoFar(school, today);
  const sinceStart = period && { start: period.start > placement.start ? period.start : placement.start, end: period.end };
  const total = sinceStart ? tally(marksBetween(placement, sinceStart.start, sinceStart.end)) : tally([]);
  const next = [...obligations].sort(compareObligations)[0];
  const status = ragOf(obligations);
  const days = daysWords(placement);
  return {
    placementId: placement.id,
    pupilRef: placement.pupil.ref,
    pupil: pupilLabel(placement).label,
    kind: kindName(placement.kind),
    provider: placement.provider?.name ?? 'The school',
    days: days.text,
    sessionsPerWeek: days.sessions,
    attendance: {
      percent: total.percent,
      text: tallyWords(total),
      weeks: sinceStart && sinceStart.start <= sinceStart.end ? attendanceByWeek(placement, sinceStart.start, sinceStart.end) : [],
    },
    lastReview: latest(placement, 'review'),
    lastQaVisit: placement.provider ? latest(placement, 'qa_visit') : null,
    next: next ? { title: obligationTitle(next.type), dueDate: next.dueDate, when: dueWhen(next.dueDate, school, now) } : null,
    owner: next ? ownerOf(school, placement, next.ownerRole) : '',
    status,
    statusText: RAG_WORDS[status],
    concerns: showConcerns ? concernWords(placement) : null,
  };
}

const RAG_ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2 };
const nullsLast = (a: string | number | null, b: string | number | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));

const SORT_KEY: Record<RegisterColumn, (r: RegisterRow) => string | number | null> = {
  pupil: (r) => r.pupilRef,
  kind: (r) => r.kind,
  provider: (r) => r.provider,
  days: (r) => r.sessionsPerWeek,
  attendance: (r) => r.attendance.percent,
  lastReview: (r) => r.lastReview,
  lastQaVisit: (r) => r.lastQaVisit,
  next: (r) => r.next?.dueDate ?? null,
  owner: (r) => r.owner || null,
  status: (r) => RAG_ORDER[r.status],
};

function sortRows(rows: RegisterRow[], query: RegisterQuery): RegisterRow[] {
  const key = SORT_KEY[query.sort];
  const sign = query.dir === 'asc' ? 1 : -1;
  // Ties keep the soonest duty first, then the pupil reference, so the order never depends on the store.
  return [...rows].sort((a, b) => {
    const primary = key(a) === null || key(b) === null ? nullsLast(key(a), key(b)) : sign * nullsLast(key(a), key(b));
    return primary || nullsLast(a.next?.dueDate ?? null, b.next?.dueDate ?? null) || a.pupilRef.localeCompare(b.pupilRef);
  });
}

const options = (values: Iterable<string>): FilterOption[] => [...new Set(values)].sort().map((v) => ({ value: v, title: v }));

/** What heads either view of the register: the school, who is looking, and the day. */
const heading = (school: School, viewer: Actor, now: Date) => ({
  title: `AP register: ${school.config.school.name}`,
  school: school.config.school.name,
  viewer: staffName(school, viewer.staffId),
  today: shortDate(todayOf(now, school)),
});

/** The register: every open placement the viewer may read, as rows, filtered and sorted as asked. */
export function registerView(
  school: School,
  viewer: Actor,
  open: readonly { placement: Placement; obligations: readonly Obligation[] }[],
  now: Date,
  query: RegisterQuery,
): RegisterView {
  const showConcerns = may(viewer, 'readConcernCategories', school);
  const all = open.map(({ placement, obligations }) => registerRow(school, placement, obligations, now, showConcerns));
  const rows = all.filter(
    (r) =>
      (query.kind === undefined || r.kind === kindName(query.kind)) &&
      (query.provider === undefined || r.provider === query.provider) &&
      (query.owner === undefined || r.owner === query.owner) &&
      (query.status === undefined || r.status === query.status),
  );
  return {
    view: 'register',
    ...heading(school, viewer, now),
    columns: REGISTER_COLUMNS.map((key) => ({
      key,
      title: COLUMN_TITLES[key],
      sorted: query.sort === key ? (query.dir === 'asc' ? 'ascending' : 'descending') : null,
    })),
    rows: sortRows(rows, query),
    shown: rows.length === all.length ? `${all.length} open placement${all.length === 1 ? '' : 's'}` : `Showing ${rows.length} of ${all.length} open placements`,
    filters: {
      kind: PLACEMENT_KINDS.filter((k) => open.some(({ placement }) => placement.kind === k)).map((k) => ({ value: k, title: kindName(k) })),
      provider: options(all.map((r) => r.provider)),
      owner: options(all.map((r) => r.owner).filter((o) => o !== '')),
      status: RAG.map((r) => ({ value: r, title: RAG_WORDS[r] })),
    },
    query,
    showConcerns,
    mayExportAudit: may(viewer, 'exportAudit', school),
    mayReadReport: may(viewer, 'readSchoolReport', school),
  };
}

/** The register as a governor sees it: counts by kind and status. */
export function registerCountsView(
  school: School,
  viewer: Actor,
  open: readonly { placement: Placement; obligations: readonly Obligation[] }[],
  now: Date,
): RegisterCountsView {
  const count = <T>(values: readonly T[], of: T) => values.filter((v) => v === of).length;
  const kinds = open.map(({ placement }) => placement.kind);
  const statuses = open.map(({ obligations }) => ragOf(obligations));
  return {
    view: 'registerCounts',
    ...heading(school, viewer, now),
    total: open.length,
    byKind: PLACEMENT_KINDS.map((k) => ({ title: kindName(k), count: count(kinds, k) })).filter((k) => k.count > 0),
    byStatus: RAG.map((r) => ({ title: RAG_WORDS[r], count: count(statuses, r) })),
    mayReadReport: may(viewer, 'readSchoolReport', school),
  };
}
