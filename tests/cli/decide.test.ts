import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { runCli } from '../../src/cli/main.ts';
import { aRecordingIo } from '../fixtures/cliIo.ts';

const AT = '2026-02-09T10:00:00Z';
const review = JSON.stringify({ attendees: ['pupil', 'parents'], progress: 'Settling well', outcome: 'continue', nextReviewOn: '2026-03-16' });
const qaVisit = JSON.stringify({ on: '2026-02-09', visitedBy: 'Ms R Okafor', checked: ['teaching', 'safeguarding'], outcome: 'satisfactory', actions: 'none' });
let dataDir: string;

async function ap(...argv: string[]) {
  const { io, stdout, stderr } = aRecordingIo();
  const code = await runCli(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

// These tests are about the embedded store, even where MONGODB_URI is set (as in the GitHub workflow).
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'apbot-decide-'));
  process.env.DATA_DIR = dataDir;
  process.env.STORE = 'memory';
});
afterEach(() => {
  delete process.env.DATA_DIR;
  delete process.env.STORE;
});

describe('ap decide and ap history, on the embedded store of the demo', () => {
  it('records a decision that the next run of ap history shows, with who did it', async () => {
    const decided = await ap('decide', 'recordReview', '--as', 's-aplead', '--placement', 'P-001', '--at', AT, '--json', review);
    expect(decided.stderr).toBe('');
    expect(JSON.parse(decided.stdout)).toEqual({
      decision: 'recordReview',
      placementId: 'P-001',
      status: 'active',
      version: 1,
      summary: 'Review held on 2026-02-09 for placement P-001 (outcome: continue)',
      replayed: false,
    });
    const shown = await ap('history', 'Y9-0412', '--as', 's-head');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/2026-02-09\s+review\s+s-aplead\s+attendees=\["pupil","parents"\] progress=Settling well outcome=continue/);
  });

  it('records the same --key once', async () => {
    const first = await ap('decide', 'recordQaVisit', '--as', 's-aplead', '--placement', 'P-001', '--at', AT, '--key', 'k1', '--json', qaVisit);
    const again = await ap('decide', 'recordQaVisit', '--as', 's-aplead', '--placement', 'P-001', '--at', AT, '--key', 'k1', '--json', qaVisit);
    expect([JSON.parse(first.stdout).replayed, JSON.parse(again.stdout).replayed]).toEqual([false, true]);
    const stores = await openJournalStores({ dataDir });
    const audit = await stores.audit.list('oakfield', { placementId: 'P-001' });
    await stores.close();
    expect(audit.filter((e) => e.action === 'recordQaVisit')).toHaveLength(1);
  });

  it('shows concern details to the DSL only', async () => {
    const asLead = await ap('history', 'Y9-0678', '--as', 's-aplead');
    const asDsl = await ap('history', 'Y9-0678', '--as', 's-dsl');
    expect(asLead.stdout).toContain('details: for the DSL only');
    expect(asLead.stdout).not.toContain('asking for money');
    expect(asDsl.stdout).toContain('asking for money');
  });

  it.each([
    { what: 'a refused role', args: ['decide', 'recordReview', '--as', 's-teacher', '--placement', 'P-001', '--json', review], message: /not allowed/ },
    { what: 'a verb that only shows a card', args: ['decide', 'openReviewForm', '--as', 's-aplead', '--placement', 'P-001'], message: /no decision called "openReviewForm"\. These are: commissionPlacement, / },
    { what: 'an unknown member of staff', args: ['decide', 'recordReview', '--as', 's-nobody', '--placement', 'P-001', '--json', review], message: /no member of staff "s-nobody"/ },
    { what: 'broken JSON', args: ['decide', 'recordReview', '--as', 's-aplead', '--placement', 'P-001', '--json', '{'], message: /--json is not valid JSON/ },
    { what: 'bad input', args: ['decide', 'recordReview', '--as', 's-aplead', '--placement', 'P-001', '--at', AT, '--json', '{"outcome":"maybe"}'], message: /outcome: Invalid option/ },
    {
      what: 'an empty QA visit, as the chats refuse it',
      args: ['decide', 'recordQaVisit', '--as', 's-aplead', '--placement', 'P-001', '--at', AT, '--json', '{}'],
      message: /on: give the date of the visit\n\s+visitedBy: say who visited\n\s+checked: say what was checked\n\s+outcome: give the outcome/,
    },
    {
      what: 'an empty review',
      args: ['decide', 'recordReview', '--as', 's-aplead', '--placement', 'P-001', '--at', AT, '--json', '{}'],
      message: /attendees: say who took part\n\s+progress: say how it is going against the objectives\n\s+outcome: give the outcome/,
    },
    { what: 'a reader without the right', args: ['history', 'Y9-0412', '--as', 's-teacher'], message: /may not read placements/ },
    { what: 'an unknown pupil', args: ['history', 'Y0-0000', '--as', 's-aplead'], message: /No placement for pupil Y0-0000/ },
  ])('refuses $what with exit code 2', async ({ args, message }) => {
    const result = await ap(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('refuses to open the embedded store while another process holds it', async () => {
    const holder = await openJournalStores({ dataDir });
    try {
      // The lock belongs to this very process here, which the store also refuses to open twice.
      const result = await ap('decide', 'recordQaVisit', '--as', 's-aplead', '--placement', 'P-001');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/data directory/);
    } finally {
      await holder.close();
    }
  });
});
