/** `deputy_dsl`: a deputy designated safeguarding lead, who hears of a concern no DSL has acknowledged in the day. */
export const ROLES = ['headteacher', 'ap_lead', 'dsl', 'deputy_dsl', 'attendance_officer', 'governor', 'staff'] as const;
export type Role = (typeof ROLES)[number];
