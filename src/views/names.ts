import type { Placement } from '../core/placement/placement.ts';
import { roleWords, type Role } from '../core/policy/roles.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import type { PupilLabel } from './viewModel.ts';

const KIND_NAMES: Record<Placement['kind'], string> = {
  off_site_ap: 'Off-site alternative provision',
  on_site_ap: 'On-site alternative provision',
  off_site_direction: 'Off-site direction',
  suspension_provision: 'Suspension provision',
  part_time_timetable: 'Part-time timetable',
  flexi_schooling: 'Flexi-schooling',
};

export function kindName(kind: Placement['kind']): string {
  return KIND_NAMES[kind];
}

export function roleName(role: Role): string {
  return roleWords(role);
}

export function pupilLabel(placement: Pick<Placement, 'pupil'>): PupilLabel {
  const { initials, ref } = placement.pupil;
  return { initials, ref, label: `${initials} · ${ref}` };
}

/** A member of staff by name; an id the config no longer knows stays as it is. */
export function staffName(school: School, staffId: string | undefined): string {
  if (staffId === undefined) return 'someone';
  return school.config.staff.find((s) => s.id === staffId)?.name ?? staffId;
}

/** Staff ids holding any of the roles, for refreshing a card in place. */
export function staffWithRoles(school: School, roles: readonly Role[]): string[] {
  return school.config.staff.filter((s) => s.roles.some((r) => roles.includes(r))).map((s) => s.id);
}

/** "off site ap" → "Off-site AP" style labels for enum values. */
export function sentence(value: string): string {
  const words = value.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
