import { describe, expect, it } from 'vitest';
import { staffByEmail } from '../../src/core/policy/staffByEmail.ts';
import type { StaffMember } from '../../src/core/policy/schoolConfig.ts';

const staff: StaffMember[] = [
  { id: 's-dsl', name: 'Mr J Byrne', email: 'J.Byrne@oakfield.sch.uk', roles: ['dsl'] },
  { id: 's-a', name: 'A', email: 'office@oakfield.sch.uk', roles: ['staff'] },
  { id: 's-b', name: 'B', email: 'Office@oakfield.sch.uk', roles: ['staff'] },
  { id: 's-none', name: 'No email', roles: ['staff'] },
];

describe('finding a member of staff by their work email', () => {
  it('matches any of the addresses given, whatever their case and spacing', () => {
    expect(staffByEmail(staff, [undefined, ' j.byrne@OAKFIELD.sch.uk '])?.id).toBe('s-dsl');
  });
  it('finds nobody for an address two staff share, for no address, or for a name that is not an address', () => {
    expect(staffByEmail(staff, ['office@oakfield.sch.uk'])).toBeUndefined();
    expect(staffByEmail(staff, [undefined, ''])).toBeUndefined();
    expect(staffByEmail(staff, ['No email'])).toBeUndefined();
  });
});
