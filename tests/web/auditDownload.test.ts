import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/app/decide.ts';
import { aWebRig, MONDAY } from '../fixtures/webRig.ts';

type Rig = Awaited<ReturnType<typeof aWebRig>>;
let rig: Rig;
beforeAll(async () => {
  rig = await aWebRig();
  await decide(rig.stores, {
    school: rig.oakfield,
    actor: { staffId: 's-dsl', roles: ['dsl'] },
    decision: 'logConcern',
    placementId: 'P-009',
    input: { category: 'behaviour', details: 'Threw a chair in the gym changing room' },
    idempotencyKey: 'audit-download-concern',
    now: MONDAY,
  });
});
afterAll(async () => {
  await rig.close();
});

const download = async (staffId: string, params: Record<string, string> = {}) => {
  const url = new URL(rig.link(staffId));
  url.pathname = '/register/audit.csv';
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), text: await response.text() };
};

describe('the audit trail from the register', () => {
  it('downloads this term so far for the AP lead: every entry, one row each, without what the concern says', async () => {
    const csv = await download('s-aplead');
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.disposition).toBe('attachment; filename="audit-oakfield-2026-01-05-to-2026-02-09.csv"');
    const stored = await rig.stores.audit.list('oakfield');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(stored.length + 1);
    expect(lines.at(-1)).toBe(`${stored.at(-1)?.seq},2026-02-09T08:00:00.000Z,s-dsl,dsl,logConcern,P-009,recorded,A behaviour concern was logged for placement P-009`);
    expect(csv.text).not.toContain('chair');
  });

  it('keeps to the dates asked for, and refuses the DSL and attendance officer', async () => {
    expect((await download('s-head', { from: '2026-01-05', to: '2026-02-08' })).text.trimEnd().split('\r\n')).toHaveLength(1);
    expect((await download('s-head', { from: '2026-02-31' })).status).toBe(400);
    expect((await download('s-dsl')).status).toBe(403);
    expect((await download('s-attendance')).status).toBe(403);
  });
});
