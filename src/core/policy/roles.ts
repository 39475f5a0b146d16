/** `deputy_dsl`: a deputy designated safeguarding lead, who hears of a concern no DSL has acknowledged in the day. */
export const ROLES = ['headteacher', 'ap_lead', 'dsl', 'deputy_dsl', 'attendance_officer', 'governor', 'staff'] as const;
export type Role = (typeof ROLES)[number];

const ROLE_WORDS: Record<Role, string> = {
  headteacher: 'headteacher',
  ap_lead: 'AP lead',
  dsl: 'DSL',
  deputy_dsl: 'deputy DSL',
  attendance_officer: 'attendance officer',
  governor: 'governors',
  staff: 'staff',
};

/** A role as staff say it ("the AP lead"), in refusals and on cards alike. */
export function roleWords(role: Role): string {
  return ROLE_WORDS[role];
}
