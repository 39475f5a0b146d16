import { loadSchoolFile } from '../../config/schoolFile.ts';
import type { CliIo } from '../io.ts';

export function validate(args: string[], io: CliIo): number {
  const [path] = args;
  if (!path) return io.usage('ap validate <school.yaml>');
  const school = loadSchoolFile(path);
  const { config, calendar } = school;
  io.out(
    `${path}: valid. ${config.school.name} (id ${school.id}): ${config.calendar.terms.length} terms, ` +
      `${calendar.halfTerms.length} half-terms, ${calendar.schoolDaysIn(calendar.firstDay, calendar.lastDay).length} school days ` +
      `from ${calendar.firstDay} to ${calendar.lastDay}; ${config.staff.length} staff.`,
  );
  return 0;
}
