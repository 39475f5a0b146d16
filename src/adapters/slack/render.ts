import type { types } from '@slack/bolt';
import { COMMAND_HELP } from '../../app/commands.ts';
import type { PlacementWithObligations } from '../../app/queries.ts';
import type { Obligation } from '../../core/obligations/obligation.ts';
import { obligationKey } from '../../core/obligations/obligationKey.ts';
import { requiredChecklist, tickedItems } from '../../core/placement/checklist.ts';
import type { Placement } from '../../core/placement/placement.ts';
import type { School } from '../../core/policy/schoolConfig.ts';
import type { AuditEntry } from '../../ports/auditLog.ts';
import type { NudgeItem, NudgeMessage } from '../../ports/channel.ts';

// Temporary Block Kit for messages and App Home, until src/views and src/adapters/slack/blocks land;
// the handlers reach Block Kit only through this file and forms.ts.

type KnownBlock = types.KnownBlock;
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** What a button carries back: the placement, the version the card showed, and any input. */
export interface ButtonValue {
  placementId: string;
  version?: number;
  obligation?: string;
  input?: Record<string, unknown>;
}

const words = (value: string) => value.replaceAll('_', ' ');
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const button = (text: string, actionId: string, value: ButtonValue, style?: 'primary' | 'danger'): types.Button => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id: actionId,
  value: JSON.stringify(value),
  ...(style ? { style } : {}),
});
const message = (text: string, blocks: KnownBlock[] = [section(text)]): SlackMessage => ({ text, blocks });
const pupilOf = (p: { pupil: { ref: string; initials: string } }) => `*${p.pupil.ref}* (${p.pupil.initials})`;
const obligationLine = (o: Pick<Obligation, 'type' | 'subject' | 'stage' | 'dueDate'>) =>
  `${words(o.type)}${o.subject ? ` (${o.subject})` : ''}: ${o.stage}, due ${o.dueDate}`;

export function when(at: Date, school: School): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: school.config.school.timezone, dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

export function helpMessage(intro?: string): SlackMessage {
  const lines = COMMAND_HELP.map((c) => `\`/ap ${c.usage}\`: ${c.says}`).join('\n');
  return message(`${intro ? `${intro}\n` : ''}Here is what works:\n${lines}`);
}

export function plainMessage(text: string): SlackMessage {
  return message(text);
}

export function dueMessage(items: { placement: Placement; obligation: Obligation }[]): SlackMessage {
  if (items.length === 0) return message('Nothing is due for you. Well done.');
  return message(
    `${items.length} thing${items.length === 1 ? '' : 's'} due for you`,
    [section(`*Due for you*`), ...items.slice(0, 40).map(({ placement, obligation }) => section(`${pupilOf(placement)} · ${obligationLine(obligation)}`))],
  );
}

export function statusMessage(open: PlacementWithObligations[]): SlackMessage {
  if (open.length === 0) return message('There are no open placements.');
  return message(
    `${open.length} open placement${open.length === 1 ? '' : 's'}`,
    open.slice(0, 45).flatMap(({ placement, obligations }) => {
      const due = obligations.filter((o) => o.stage !== 'scheduled');
      return [
        section(`${pupilOf(placement)} · ${words(placement.kind)} · ${placement.status} · ${placement.start} to ${placement.end ?? 'open-ended'} · ${placement.id}`),
        context(due.length ? due.map(obligationLine).join('\n') : 'Nothing due.'),
      ];
    }),
  );
}

/** The card after a decision: what was done, by whom, when; no buttons left to press twice. */
export function doneMessage(summary: string, userId: string, at: Date, school: School): SlackMessage {
  return message(`Done: ${summary}`, [section(`:white_check_mark: ${summary}`), context(`<@${userId}> · ${when(at, school)}`)]);
}

export function checklistMessage(placement: Placement): SlackMessage {
  const ticked = tickedItems(placement);
  const items = requiredChecklist(placement);
  return message(`Checklist for ${placement.pupil.ref} (${placement.id})`, [
    section(`*Before ${pupilOf(placement)} starts* (${words(placement.kind)}, ${placement.start}) · ${placement.id}`),
    ...items.map(
      (item): KnownBlock =>
        ticked.has(item)
          ? section(`:white_check_mark: ${words(item)}`)
          : {
              type: 'section',
              block_id: `tick:${item}`,
              text: { type: 'mrkdwn', text: `:white_large_square: ${words(item)}` },
              accessory: button('Done', 'tickChecklistItem', { placementId: placement.id, version: placement.version, input: { item } }),
            },
    ),
  ]);
}

export function approvalMessage(placement: Placement): SlackMessage {
  const value = { placementId: placement.id, version: placement.version };
  return message(`A part-time timetable for ${placement.pupil.ref} is waiting for your approval`, [
    section(`*Part-time timetable for ${pupilOf(placement)}* needs your approval\n${placement.start} to ${placement.end ?? '?'} · ${placement.id}`),
    ...(placement.reason ? [context(`Reason: ${placement.reason}`)] : []),
    { type: 'actions', elements: [button('Approve', 'approvePartTimeTimetable', value, 'primary'), button('Decline', 'declinePartTimeTimetable', value, 'danger')] },
  ]);
}

function reminderBlocks(item: NudgeItem): KnownBlock[] {
  const value = { placementId: item.placementId, obligation: obligationKey(item) };
  const actions: types.Button[] = [];
  if (item.type === 'placement_review') actions.push(button('Record review', 'recordReview', value, 'primary'));
  actions.push(button('Snooze', 'snoozeNudge', value));
  return [section(`${pupilOf(item)} · ${obligationLine(item)}`), { type: 'actions', elements: actions }];
}

/** A nudge as Block Kit; a concern's details only when the caller says this reader may see them. */
export function nudgeMessage(nudge: NudgeMessage, placement: Placement | undefined, concern: { category: string; details?: string } | undefined): SlackMessage {
  switch (nudge.kind) {
    case 'reminder':
      return message(`Reminder: ${words(nudge.item.type)} for ${nudge.item.pupil.ref}`, reminderBlocks(nudge.item));
    case 'approval_request':
      return placement ? approvalMessage(placement) : message(`Placement ${nudge.placementId} is waiting for your approval.`);
    case 'concern_alert':
      return message(`A ${words(concern?.category ?? 'new')} concern was logged${placement ? ` for ${placement.pupil.ref}` : ''}`, [
        section(`:warning: *A ${words(concern?.category ?? '')} concern* was logged${placement ? ` for ${pupilOf(placement)} · ${placement.id}` : ''}`),
        ...(concern?.details ? [section(`>${concern.details.replaceAll('\n', '\n>')}`)] : []),
      ]);
    default: {
      const items = 'items' in nudge ? nudge.items : [];
      return message(`${items.length} thing${items.length === 1 ? '' : 's'} to do`, [section('*To do*'), ...items.slice(0, 20).flatMap(reminderBlocks)]);
    }
  }
}

export function homeView(due: { placement: Placement; obligation: Obligation }[], approvals: Placement[], recent: AuditEntry[], school: School): types.HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Due for you' } },
      ...(due.length ? due.slice(0, 30).map(({ placement, obligation }) => section(`${pupilOf(placement)} · ${obligationLine(obligation)}`)) : [context('Nothing is due.')]),
      { type: 'header', text: { type: 'plain_text', text: 'Waiting for your approval' } },
      ...(approvals.length ? approvals.slice(0, 10).flatMap((p) => approvalMessage(p).blocks) : [context('Nothing is waiting for you.')]),
      { type: 'header', text: { type: 'plain_text', text: 'Your recent decisions' } },
      ...(recent.length ? recent.map((e) => context(`${when(e.at, school)} · ${e.summary}`)) : [context('None yet.')]),
    ],
  };
}

export function strangerHomeView(text: string): types.HomeView {
  return { type: 'home', blocks: [section(text)] };
}
