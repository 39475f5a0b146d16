export const ROLES = ['headteacher', 'ap_lead', 'dsl', 'attendance_officer', 'governor', 'staff'] as const;
export type Role = (typeof ROLES)[number];

const ROLE_WORDS: Record<Role, string> = {
  headteacher: 'headteacher',
  ap_lead: 'AP lead',
  dsl: 'DSL',
  attendance_officer: 'attendance officer',
  governor: 'governors',
  staff: 'staff',
};

/** A role as staff say it ("the AP lead"), in refusals and on cards alike. */
export function roleWords(role: Role): string {
  return ROLE_WORDS[role];
}
