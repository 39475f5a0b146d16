import { isAppError } from '../core/errors.ts';
import { backup, restore } from './commands/backup.ts';
import { decide } from './commands/decide.ts';
import { due } from './commands/due.ts';
import { exportAudit } from './commands/export.ts';
import { history } from './commands/history.ts';
import { importCommand } from './commands/import.ts';
import { link } from './commands/link.ts';
import { nudges } from './commands/nudges.ts';
import { report } from './commands/report.ts';
import { staff } from './commands/staff.ts';
import { validate } from './commands/validate.ts';
import { EXIT_BAD_INPUT, processIo, type CliIo } from './io.ts';

type Command = (args: string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  validate: { run: validate, summary: 'validate <school.yaml>                      check a school config file' },
  due: { run: due, summary: 'due --school F --placements F --at T [--json]  what falls due, for whom' },
  decide: { run: decide, summary: "decide <decision> --as STAFF [--placement P] [--json '{…}']  record a decision" },
  nudges: { run: nudges, summary: 'nudges preview --school F --placements F --at T  what would be sent to whom' },
  import: { run: importCommand, summary: 'import placements|terms|bank-holidays|staff <file> …  a school\'s own data' },
  staff: { run: staff, summary: 'staff check [--school ID]                    who the bot cannot reach yet, and why' },
  backup: { run: backup, summary: 'backup <file>                                every store as one file' },
  restore: { run: restore, summary: 'restore <file>                               a backup into an empty store' },
  history: { run: history, summary: 'history <pupil ref> --as STAFF               a pupil\'s placements and decisions' },
  export: { run: exportAudit, summary: 'export audit --school ID --from D --to D [--csv]  the audit trail, never concern details' },
  link: { run: link, summary: 'link register|report|trust --as STAFF [--school ID]  a signed link to a page (15 minutes)' },
  report: { run: report, summary: 'report --school ID|--trust --term NAME [--out F.pdf]  the termly report for governors, as a PDF' },
};

const HELP = `ap: apbot's command line\n\n${Object.values(COMMANDS)
  .map((c) => `  ap ${c.summary}`)
  .join('\n')}`;

/** Runs one `ap` command; user errors print one clear message and return exit code 2. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help') {
    io.out(HELP);
    return name === undefined ? EXIT_BAD_INPUT : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`ap: unknown command "${name}".\n${HELP}`);
    return EXIT_BAD_INPUT;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (isAppError(error) && error.isUserError) {
      io.err(`ap ${name}: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`ap ${name}: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}

