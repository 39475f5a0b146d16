import { describe, expect, it } from 'vitest';
import { LINK_LIFETIME_MS, signLink, verifyLink } from '../../src/app/signedLinks.ts';
import { aSchool } from '../fixtures/school.ts';

const secret = 'x'.repeat(40);
const school = aSchool();
const issued = new Date('2026-12-02T03:00:00Z');

describe('signed links to the register', () => {
  it('names the member of staff and their school for fifteen minutes', () => {
    const token = signLink(secret, 's-aplead', 'oakfield', issued);
    const opened = verifyLink(secret, token, [school], new Date(issued.getTime() + LINK_LIFETIME_MS - 1));
    expect(opened.actor).toEqual({ staffId: 's-aplead', roles: ['ap_lead'] });
    expect(opened.school.id).toBe('oakfield');
  });

  it('refuses a link once its fifteen minutes are up', () => {
    const token = signLink(secret, 's-aplead', 'oakfield', issued);
    expect(() => verifyLink(secret, token, [school], new Date(issued.getTime() + LINK_LIFETIME_MS))).toThrow(/not valid or has run out/);
  });

  it('refuses a link whose staff, school or expiry was changed, or that was signed with another secret', () => {
    const token = signLink(secret, 's-teacher', 'oakfield', issued);
    const [body, sig] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = (changes: Record<string, unknown>) => `${Buffer.from(JSON.stringify({ ...claims, ...changes })).toString('base64url')}.${sig}`;
    for (const bad of [forged({ s: 's-head' }), forged({ e: Number(claims['e']) + 3_600_000 }), signLink('y'.repeat(40), 's-teacher', 'oakfield', issued), `${token}x`, `${body}`, '', `${token}.${sig}`])
      expect(() => verifyLink(secret, bad, [school], issued)).toThrow(/not valid or has run out/);
  });

  it("refuses a link for a school the bot does not serve, or for someone not on that school's staff", () => {
    expect(() => verifyLink(secret, signLink(secret, 's-aplead', 'elsewhere', issued), [school], issued)).toThrow(/not valid/);
    expect(() => verifyLink(secret, signLink(secret, 's-left-last-year', 'oakfield', issued), [school], issued)).toThrow(/not valid/);
  });
});
