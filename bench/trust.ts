// A trust's worth of data for `npm run bench`: many schools on the example school's settings, each
// with placements made from the example placements, the off-site ones given varied part-time
// timetables and a register kept up to the day before, a few sessions missed: five weeks into the
// spring term, or at the end of a school year that a school kept up with.
import type { Stores } from '../src/ports/stores.ts';
import type { HistoryEvent } from '../src/core/placement/events.ts';
import type { LocalDate } from '../src/core/calendar/localDate.ts';
import { importPlacements } from '../src/app/importPlacements.ts';
import { loadSchool, type School, type SchoolConfig } from '../src/core/policy/schoolConfig.ts';
import type { Placement, Session, Timetable } from '../src/core/placement/placement.ts';
import { WEEKDAYS } from '../src/core/placement/placement.ts';
import { isoWeekday } from '../src/core/calendar/localDate.ts';

/** The same sequence on every run, so every run measures the same trust. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const TIMETABLES: readonly Timetable[] = [
  { mon: ['am'], tue: ['am'], wed: ['am'], thu: ['am'], fri: ['am'] },
  { mon: ['am', 'pm'], tue: ['am', 'pm'], wed: ['am', 'pm'], thu: ['am', 'pm'], fri: ['am', 'pm'] },
  { mon: ['am', 'pm'], tue: [], wed: ['am', 'pm'], thu: [], fri: ['am'] },
  { mon: ['am'], tue: ['am', 'pm'], wed: [], thu: ['am', 'pm'], fri: [] },
  { mon: ['pm'], tue: ['pm'], wed: ['pm'], thu: ['pm'], fri: [] },
  { mon: ['am', 'pm'], tue: ['am', 'pm'], wed: ['am', 'pm'], thu: [], fri: [] },
];

/** When in the school year the trust is swept, and what its placements have behind them by then. */
export interface Season {
  /** How the bench names it: "a trust …". */
  described: string;
  /** The off-site placements start on school days from `starts.from` to `starts.to`. */
  starts: { from: LocalDate; to: LocalDate };
  /** The register is kept up to this day, the school day before the sweep. */
  registerTo: LocalDate;
  /** Imported and swept before the first cut-off of the day. */
  importedAt: Date;
  /** The morning attendance cut-off: 10:00 in school time. */
  cutOff: Date;
  /**
   * Whether the school kept up with the year's duties: each half-term's review, risk assessment
   * and provider report recorded, a QA visit every seven school days, and a session missed from
   * the register chased and confirmed late unless it is in the last fortnight. Otherwise nothing
   * is recorded but the register, and a session missed stays missed.
   */
  keptUp: boolean;
}

/** Five weeks into the spring term: placements begun this term. */
export const FEBRUARY: Season = {
  described: 'in February, five weeks into the spring term',
  starts: { from: '2026-01-05', to: '2026-02-06' },
  registerTo: '2026-02-06',
  importedAt: new Date('2026-02-09T07:00:00Z'),
  cutOff: new Date('2026-02-09T10:00:00Z'), // GMT
  keptUp: false,
};

/** The last full week of the school year: placements begun in September, a year of marks behind each. */
export const JULY: Season = {
  described: 'in July, a school year behind each off-site placement, its duties kept up',
  starts: { from: '2025-09-03', to: '2025-10-03' },
  registerTo: '2026-07-10',
  importedAt: new Date('2026-07-13T06:00:00Z'),
  cutOff: new Date('2026-07-13T09:00:00Z'), // BST
  keptUp: true,
};

export interface Trust {
  schools: School[];
  placements: number;
  marks: number;
}

/** Builds `schoolCount` schools and writes `perSchool` placements into each, as they stand in `season`. */
export async function aTrust(stores: Stores, base: SchoolConfig, templates: readonly Placement[], schoolCount: number, perSchool: number, season: Season): Promise<Trust> {
  const { importedAt, registerTo } = season;
  const random = seeded(17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const schools: School[] = [];
  let marks = 0;
  for (let s = 0; s < schoolCount; s++) {
    const school = loadSchool({ ...base, school: { ...base.school, id: `school-${s}`, name: `School ${s}`, slackTeamId: undefined, teamsTenantId: `tenant-${s}` } });
    schools.push(school);
    const startDays = school.calendar.schoolDaysIn(season.starts.from, season.starts.to);
    const placements: Placement[] = [];
    const registers: { placementId: string; date: string; session: Session }[] = [];
    for (let i = 0; i < perSchool; i++) {
      const template = templates[i % templates.length] as Placement;
      const id = `${template.id}-${s}-${i}`;
      const offSite = template.status === 'active' && (template.kind === 'off_site_ap' || template.kind === 'off_site_direction');
      if (!offSite) {
        placements.push({ ...template, id, pupil: { ...template.pupil, ref: `R${s}-${i}` } });
        continue;
      }
      const timetable = pick(TIMETABLES);
      const start = pick(startDays);
      placements.push({
        ...template,
        id,
        pupil: { ...template.pupil, ref: `R${s}-${i}` },
        start,
        end: '2026-07-22',
        timetable,
        provider: template.provider && { ...template.provider, id: `PR-${s}-${i % 40}` },
        history: [...template.history.filter((e) => e.type !== 'attendance'), ...(season.keptUp ? keptUp(school, start, registerTo, random) : [])],
      });
      for (const date of school.calendar.schoolDaysIn(start, registerTo)) {
        const weekday = WEEKDAYS[isoWeekday(date) - 1];
        const chased = season.keptUp && school.calendar.schoolDaysBetween(date, registerTo) >= 10;
        for (const session of weekday ? timetable[weekday] : []) if (random() > 0.02 || chased) registers.push({ placementId: id, date, session });
      }
    }
    await importPlacements(stores, school, placements, importedAt, 'bench');
    for (const r of registers) {
      const mark = { schoolId: school.id, ...r, mark: 'present' as const, by: 's-attendance', at: importedAt };
      const audit = { schoolId: school.id, at: importedAt, actor: 's-attendance', role: 'attendance_officer', action: 'confirmAttendance', placementId: r.placementId, idempotencyKey: `bench:${r.placementId}:${r.date}:${r.session}`, outcome: 'recorded' as const, summary: `Attendance confirmed: ${r.date} ${r.session}` };
      await stores.attendance.record(mark, audit);
    }
    marks += registers.length;
  }
  return { schools, placements: schoolCount * perSchool, marks };
}

/** What a school that keeps up has recorded on a placement from `start` to `upTo` (see `Season.keptUp`). */
function keptUp(school: School, start: LocalDate, upTo: LocalDate, random: () => number): HistoryEvent[] {
  const { calendar } = school;
  const events: HistoryEvent[] = [];
  for (const period of calendar.halfTerms) {
    if (period.end < start || period.start > upTo) continue;
    const days = calendar.schoolDaysIn(period.start > start ? period.start : start, period.end < upTo ? period.end : upTo);
    const on = days[Math.min(days.length - 1, 5)];
    // The half-term under way has had its checks in about half the placements so far.
    if (on === undefined || (period.end > upTo && random() < 0.5)) continue;
    for (const type of ['review', 'risk_assessment', 'provider_report'] as const) events.push({ type, on, by: 's-aplead' });
    if (period.name.endsWith('first half')) events.push({ type: 'home_school_agreement', on, by: 's-aplead' });
  }
  const days = calendar.schoolDaysIn(start, upTo);
  for (let i = 6; i < days.length; i += 7) events.push({ type: 'qa_visit', on: days[i] as LocalDate, by: 's-aplead' });
  return events.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}
