import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPlacements } from '../../src/app/importPlacements.ts';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { loadPlacementsFile } from '../../src/config/placementsFile.ts';
import { aSchool } from '../fixtures/school.ts';

const placement = (id: string, ref: string, provider: object, history: object[] = []) => ({ id, kind: 'off_site_ap', status: 'active', pupil: { ref, initials: 'AB' }, start: '2026-01-05', provider, history });

function aPlacementsFile(placements: object[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'apbot-providers-')), 'placements.json');
  writeFileSync(path, JSON.stringify(placements));
  return path;
}

describe('a placements file names its providers inside each placement, merged by id', () => {
  it('keeps one provider record from every copy, with the checks recorded on any placement there', async () => {
    const file = aPlacementsFile([
      placement('P-1', 'Y9-1', { id: 'PR-7', name: 'Riverside Farm', urn: '2654321', documents: [{ type: 'insurance', expires: '2026-03-01' }] }),
      placement('P-2', 'Y9-2', { id: 'PR-7', name: 'Riverside Farm CIC', contacts: [{ name: 'Ms T Green', phone: '01632 960000' }] }, [
        { type: 'provider_document', on: '2026-02-02', documentType: 'dbs_confirmation', expires: '2028-02-01' },
      ]),
      placement('P-3', 'Y9-3', { id: 'PR-9', name: 'Hilltop Gym' }),
    ]);
    const school = aSchool();
    const stores = await openJournalStores();
    await importPlacements(stores, school, loadPlacementsFile(file), new Date('2026-02-09T08:00:00Z'), 'test');

    expect(await stores.providers.list(school.id)).toEqual([
      {
        id: 'PR-7',
        name: 'Riverside Farm CIC',
        urn: '2654321',
        ofstedRegistered: false,
        contacts: [{ name: 'Ms T Green', phone: '01632 960000' }],
        documents: [
          { type: 'dbs_confirmation', expires: '2028-02-01' },
          { type: 'insurance', expires: '2026-03-01' },
        ],
      },
      { id: 'PR-9', name: 'Hilltop Gym', ofstedRegistered: false, contacts: [], documents: [] },
    ]);
  });

  it('refuses a provider with a malformed URN, naming the placement', () => {
    const file = aPlacementsFile([placement('P-1', 'Y9-1', { id: 'PR-7', name: 'Riverside Farm', urn: 'ABC' })]);
    expect(() => loadPlacementsFile(file)).toThrow(/\[0\]\.provider\.urn: is not an Ofsted URN/);
  });
});
