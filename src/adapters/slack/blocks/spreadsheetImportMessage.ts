import type { SpreadsheetImportView } from '../../../views/spreadsheetImport.ts';
import { actionBlocks, context, escape, factsSection, message, section, type KnownBlock, type SlackMessage } from './parts.ts';

/** A spreadsheet's dry run with Import and Cancel, and, in its place once pressed, what came of it. */
export function spreadsheetImportMessage(view: SpreadsheetImportView): SlackMessage {
  return message(`${view.title}: ${view.about}`, [
    section(`*${escape(view.title)}*\n${escape(view.about)}`),
    ...factsSection(view.counts),
    ...view.rows.map((row): KnownBlock => section(`${row.refused ? ':x: ' : ''}*${escape(row.text)}*\n${escape(row.detail)}`)),
    ...(view.more ? [context(escape(view.more))] : []),
    ...(view.unread ? [context(escape(view.unread))] : []),
    section(escape(view.note)),
    ...actionBlocks(view.actions),
  ]);
}
