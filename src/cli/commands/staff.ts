import { parseArgs } from 'node:util';
import { checkStaffReach } from '../../app/staffReach.ts';
import { slackLookupByEmail } from '../../adapters/slack/lookupByEmail.ts';
import { readEnv } from '../../config/env.ts';
import { schoolFileOf, updateSchoolStaff } from '../../config/schoolFileUpdate.ts';
import type { CliIo } from '../io.ts';
import { formatTable } from '../table.ts';
import { withWorkspace } from '../workspace.ts';

const USAGE = 'ap staff check [--school <id>] [--dry-run]';

/**
 * Who the bot cannot reach yet, and why. Slack accounts are looked up by email and kept in the
 * school file; Teams accounts are the ones the school file names.
 */
export async function staff(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'check') return io.usage(USAGE);
  const { values } = parseArgs({ args: rest, options: { school: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  const env = readEnv();
  const lookup = env.SLACK_BOT_TOKEN ? slackLookupByEmail(env.SLACK_BOT_TOKEN, env.SLACK_API_URL) : undefined;
  return withWorkspace(io, new Date(), async (ws) => {
    const school = ws.school(values.school);
    const { reach, foundInSlack } = await checkStaffReach(school, ws.stores.conversations, { teams: Boolean(env.MicrosoftAppId), slack: Boolean(env.SLACK_BOT_TOKEN) }, lookup);
    io.out(formatTable(['staff', 'Teams', 'Slack'], reach.map((r) => [r.staffId, r.teams, r.slack])));
    const unreachable = reach.filter((r) => !r.reachable);
    io.out(unreachable.length === 0 ? `Everyone at ${school.config.school.name} can be reached.` : `${unreachable.length} of ${reach.length} cannot be reached yet: ${unreachable.map((r) => r.staffId).join(', ')}.`);
    if (foundInSlack.size > 0) {
      const write = values['dry-run'] !== true;
      const file = schoolFileOf(env.SCHOOLS_DIR, school.id);
      updateSchoolStaff(file, (list) => list.map((m) => (foundInSlack.has(m.id) ? { ...m, slack: { userId: foundInSlack.get(m.id) as string } } : m)), { write });
      io.out(`${write ? 'Kept' : 'Dry run: would keep'} ${foundInSlack.size} Slack account(s) found by email in ${file}.`);
    }
    return 0;
  });
}
