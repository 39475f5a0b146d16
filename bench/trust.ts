// A trust's worth of data for `npm run bench`: many schools on the example school's settings, each
// with placements made from the example placements, the off-site ones given varied part-time
// timetables that began this term and a register kept up to the day before, a few sessions missed.
import type { Stores } from '../src/ports/stores.ts';
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

export interface Trust {
  schools: School[];
  placements: number;
  marks: number;
}

/** Builds `schoolCount` schools and writes `perSchool` placements into each, as imported at `importedAt`. */
export async function aTrust(stores: Stores, base: SchoolConfig, templates: readonly Placement[], schoolCount: number, perSchool: number, importedAt: Date): Promise<Trust> {
  const random = seeded(17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const schools: School[] = [];
  let marks = 0;
  for (let s = 0; s < schoolCount; s++) {
    const school = loadSchool({ ...base, school: { ...base.school, id: `school-${s}`, name: `School ${s}`, slackTeamId: undefined, teamsTenantId: `tenant-${s}` } });
    schools.push(school);
    const termDays = school.calendar.schoolDaysIn('2026-01-05', '2026-02-06');
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
      const start = pick(termDays);
      placements.push({
        ...template,
        id,
        pupil: { ...template.pupil, ref: `R${s}-${i}` },
        start,
        end: '2026-07-22',
        timetable,
        provider: template.provider && { ...template.provider, id: `PR-${s}-${i % 40}` },
        history: template.history.filter((e) => e.type !== 'attendance'),
      });
      for (const date of school.calendar.schoolDaysIn(start, '2026-02-06')) {
        const weekday = WEEKDAYS[isoWeekday(date) - 1];
        for (const session of weekday ? timetable[weekday] : []) if (random() > 0.02) registers.push({ placementId: id, date, session });
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
