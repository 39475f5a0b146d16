export const ROLES = ['headteacher', 'ap_lead', 'dsl', 'attendance_officer', 'governor', 'staff'] as const;
export type Role = (typeof ROLES)[number];
