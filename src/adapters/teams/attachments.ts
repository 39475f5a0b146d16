import { randomUUID } from 'node:crypto';
import { CardFactory, type Attachment } from 'botbuilder';
import type { DecisionName } from '../../core/decisions/index.ts';
import { requiredChecklist, tickedItems } from '../../core/placement/checklist.ts';
import type { Obligation } from '../../core/obligations/obligation.ts';
import { obligationKey } from '../../core/obligations/obligationKey.ts';
import { pendingPttApproval } from '../../core/obligations/rules/partTimeTimetable.ts';
import type { Placement } from '../../core/placement/placement.ts';
import type { NudgeItem } from '../../ports/channel.ts';
import { FORMS, type Field } from './forms.ts';

// Temporary Adaptive Cards, until the view models (src/views) and their renderer
// (src/adapters/teams/cards) land. Handlers reach cards only through this file, so switching to
// the real ones happens here.

type Json = Record<string, unknown>;

/** Verbs that are not decisions: open a decision's form, or show a placement as it stands now. */
export const SHOW_FORM = 'showForm';
export const REFRESH = 'refresh';

const words = (value: string) => value.replaceAll('_', ' ');
const pupilOf = (p: { pupil: { ref: string; initials: string } }) => `${p.pupil.ref} (${p.pupil.initials})`;
const text = (value: string, extra: Json = {}): Json => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
const heading = (value: string) => text(value, { weight: 'Bolder', size: 'Medium' });

function adaptiveCard(body: Json[], actions: Json[] = []): Json {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...(actions.length ? { actions } : {}) };
}

function execute(title: string, verb: string, data: Json, style?: 'positive' | 'destructive'): Json {
  return { type: 'Action.Execute', title, verb, data: { actionId: randomUUID(), ...data }, ...(style ? { style } : {}) };
}

const toAttachment = (card: Json): Attachment => CardFactory.adaptiveCard(card);

/** An obligation on one line: what, for whom, by when, how late. */
function obligationLine(o: Pick<Obligation, 'type' | 'subject' | 'dueDate' | 'stage'>): string {
  return `${words(o.type)}${o.subject ? ` (${words(o.subject)})` : ''}, due ${o.dueDate}${o.stage === 'overdue' || o.stage === 'escalated' ? ` · **${o.stage}**` : ''}`;
}

const formFor: Partial<Record<Obligation['type'], DecisionName>> = { placement_review: 'recordReview' };

function input(field: Field, value: string | undefined): Json[] {
  const id = field.id;
  const common = { id, label: field.label, isRequired: !field.optional, ...(value !== undefined ? { value } : {}) };
  const choices = (field.choices ?? []).map((c) => ({ title: words(c), value: c }));
  switch (field.kind) {
    case 'date':
      return [{ type: 'Input.Date', ...common }];
    case 'choice':
      return [{ type: 'Input.ChoiceSet', ...common, choices }];
    case 'multi':
    case 'timetable':
      return [{ type: 'Input.ChoiceSet', ...common, isMultiSelect: true, style: 'expanded', choices }];
    case 'toggle':
      return [{ type: 'Input.Toggle', id, title: field.label, value: value ?? 'false', valueOn: 'true', valueOff: 'false' }];
    default:
      return [{ type: 'Input.Text', ...common, isMultiline: field.kind === 'longText', ...(field.max ? { maxLength: field.max } : {}) }];
  }
}

function about(placement: Placement): Json {
  return text(`Pupil ${pupilOf(placement)} · ${words(placement.kind)} · ${placement.id}`, { isSubtle: true, spacing: 'None' });
}

/** A decision's form, filled in again and with the problem shown when it comes back refused. */
export function formCard(verb: DecisionName, placement: Placement | undefined, options: { error?: string; values?: Record<string, string>; fixed?: Json } = {}): Attachment {
  const form = FORMS[verb];
  if (!form) throw new Error(`no form for ${verb}`);
  const body: Json[] = [heading(form.title)];
  if (placement) body.push(about(placement));
  if (options.error) body.push(text(`⚠️ ${options.error}`, { color: 'Attention' }));
  for (const field of form.fields) body.push(...input(field, options.values?.[field.id]));
  const data = { ...(placement ? { placementId: placement.id, version: placement.version } : {}), ...(options.fixed ? { input: options.fixed } : {}) };
  return toAttachment(adaptiveCard(body, [execute(form.submit, verb, data, 'positive')]));
}

/** The card after an action: who did what, when; no buttons left to press twice. */
export function doneCard(summary: string, by: string, at: string, placement?: Placement): Attachment {
  if (placement?.status === 'proposed' && requiredChecklist(placement).length > 0) return checklistCard(placement, `✅ ${summary}`);
  return toAttachment(adaptiveCard([text(`✅ ${summary}`, { weight: 'Bolder' }), text(`${by} · ${at}`, { isSubtle: true, spacing: 'None' })]));
}

/** What a newly commissioned placement still needs before it starts, each check a button. */
export function checklistCard(placement: Placement, headline?: string): Attachment {
  const ticked = tickedItems(placement);
  const body: Json[] = [heading(headline ?? `Checklist for ${placement.id}`), about(placement)];
  for (const item of requiredChecklist(placement)) {
    if (ticked.has(item)) body.push(text(`☑ ${words(item)}`));
    else
      body.push({ type: 'ColumnSet', columns: [
        { type: 'Column', width: 'stretch', items: [text(`☐ ${words(item)}`)] },
        { type: 'Column', width: 'auto', items: [{ type: 'ActionSet', actions: [execute('Done', 'tickChecklistItem', { placementId: placement.id, version: placement.version, input: { item } })] }] },
      ] });
  }
  return toAttachment(adaptiveCard(body));
}

/** `status <ref>`: where a placement stands, what is open on it, and what can be done. */
export function placementCard(placement: Placement, obligations: readonly Obligation[], note?: string): Attachment {
  const open = obligations.filter((o) => o.stage !== 'scheduled');
  const body: Json[] = [heading(`${pupilOf(placement)}: ${words(placement.kind)}`), text(`${placement.id} · ${placement.status} · from ${placement.start}${placement.end ? ` to ${placement.end}` : ''}`, { isSubtle: true, spacing: 'None' })];
  if (note) body.push(text(`⚠️ ${note}`, { color: 'Attention' }));
  body.push(text(open.length ? open.slice(0, 15).map((o) => `- ${obligationLine(o)}`).join('\n') : 'Nothing is due on this placement.'));
  const ref = { placementId: placement.id };
  const actions: Json[] = [];
  if (placement.status !== 'ended') {
    if (pendingPttApproval(placement)) actions.push(execute('Approve', 'approvePartTimeTimetable', { ...ref, version: placement.version }, 'positive'), execute('Decline…', SHOW_FORM, { ...ref, form: 'declinePartTimeTimetable' }));
    actions.push(execute('Record review', SHOW_FORM, { ...ref, form: 'recordReview' }), execute('Log concern', SHOW_FORM, { ...ref, form: 'logConcern' }), execute('End…', SHOW_FORM, { ...ref, form: 'endPlacement' }));
  }
  return toAttachment(adaptiveCard(body, actions));
}

/** `status` with no pupil: every open placement, one line each. */
export function placementListCard(open: readonly { placement: Placement; obligations: readonly Obligation[] }[]): Attachment {
  const body: Json[] = [heading(`Open placements (${open.length})`)];
  for (const { placement, obligations } of open.slice(0, 30)) {
    const due = obligations.filter((o) => o.stage !== 'scheduled').length;
    body.push(text(`**${pupilOf(placement)}** · ${words(placement.kind)} · ${placement.status}${due ? ` · ${due} open` : ''}`));
  }
  if (open.length > 30) body.push(text(`…and ${open.length - 30} more. Say "status <pupil ref>" for one.`, { isSubtle: true }));
  if (open.length === 0) body.push(text('There are no open placements.'));
  return toAttachment(adaptiveCard(body));
}

function itemRows(items: readonly { placementId: string; pupil: { ref: string; initials: string }; obligation: Pick<Obligation, 'type' | 'subject' | 'dueDate' | 'stage'> }[]): Json[] {
  return items.slice(0, 20).flatMap(({ placementId, pupil, obligation }) => {
    const form = formFor[obligation.type];
    const row: Json[] = [text(`**${pupilOf({ pupil })}** · ${obligationLine(obligation)}`)];
    if (form) row.push({ type: 'ActionSet', actions: [execute(FORMS[form]?.submit ?? 'Open', SHOW_FORM, { placementId, form })] });
    return row;
  });
}

/** `due`: what this person has to do now, soonest first. */
export function dueCard(due: readonly { placement: Placement; obligation: Obligation }[]): Attachment {
  const body: Json[] = [heading(due.length ? `You have ${due.length} thing${due.length === 1 ? '' : 's'} to do` : 'Nothing is due for you. 🎉')];
  body.push(...itemRows(due.map(({ placement, obligation }) => ({ placementId: placement.id, pupil: placement.pupil, obligation }))));
  if (due.length > 20) body.push(text(`…and ${due.length - 20} more.`, { isSubtle: true }));
  return toAttachment(adaptiveCard(body));
}

const fromNudge = (item: NudgeItem) => ({ placementId: item.placementId, pupil: item.pupil, obligation: { ...item, dueDate: item.dueDate } });

export function reminderCard(item: NudgeItem): Attachment {
  const snooze = FORMS.snoozeNudge;
  const actions: Json[] = [];
  if (snooze)
    actions.push({
      type: 'Action.ShowCard',
      title: 'Snooze…',
      card: adaptiveCard(snooze.fields.flatMap((f) => input(f, undefined)), [execute(snooze.submit, 'snoozeNudge', { placementId: item.placementId, input: { obligation: obligationKey(item) } })]),
    });
  return toAttachment(adaptiveCard([heading('Reminder'), ...itemRows([fromNudge(item)])], actions));
}

export function digestCard(items: readonly NudgeItem[], title = `${items.length} things to do`): Attachment {
  return toAttachment(adaptiveCard([heading(title), ...itemRows(items.map(fromNudge))]));
}

/** At a session's cut-off: each placement's session, confirmed with one press. */
export function attendanceCard(date: string, session: 'am' | 'pm', items: readonly NudgeItem[]): Attachment {
  const body: Json[] = [heading(`Attendance to confirm: ${date} ${session.toUpperCase()}`)];
  for (const item of items.slice(0, 20)) {
    const data = (mark: string) => ({ placementId: item.placementId, input: { date, session, mark } });
    body.push(text(`**${pupilOf(item)}**`), {
      type: 'ActionSet',
      actions: [execute('Present', 'confirmAttendance', data('present'), 'positive'), execute('Late', 'confirmAttendance', data('late')), execute('Absent', 'confirmAttendance', data('absent_unauthorised'), 'destructive')],
    });
  }
  return toAttachment(adaptiveCard(body));
}

/** A part-time timetable waiting for this person's approval (000 §9.5: both leaders approve). */
export function approvalRequestCard(placement: Placement, proposedBy: string | undefined): Attachment {
  const decline = FORMS.declinePartTimeTimetable;
  const ref = { placementId: placement.id, version: placement.version };
  const body: Json[] = [
    heading(`Part-time timetable for ${pupilOf(placement)} needs your approval`),
    text(`${placement.start} to ${placement.end ?? '?'} · ${placement.id}${proposedBy ? ` · proposed by ${proposedBy}` : ''}`, { isSubtle: true, spacing: 'None' }),
    ...(placement.reason ? [text(`Reason: ${placement.reason}`)] : []),
  ];
  const actions: Json[] = [execute('Approve', 'approvePartTimeTimetable', ref, 'positive')];
  if (decline) actions.push({ type: 'Action.ShowCard', title: 'Decline…', card: adaptiveCard(decline.fields.flatMap((f) => input(f, undefined)), [execute(decline.submit, 'declinePartTimeTimetable', ref, 'destructive')]) });
  return toAttachment(adaptiveCard(body, actions));
}

/** For a DSL's DM only: what was reported, in full. */
export function concernAlertCard(placement: Placement, concern: { category: string; details: string; on: string }): Attachment {
  return toAttachment(
    adaptiveCard(
      [heading(`⚠️ A ${words(concern.category)} concern was logged`), about(placement), text(`On ${concern.on}:`, { isSubtle: true }), text(concern.details)],
      [execute('Open placement', REFRESH, { placementId: placement.id })],
    ),
  );
}

/** Something went wrong that is not the person's fault: an id to quote, no details. */
export function errorCard(message: string): Attachment {
  return toAttachment(adaptiveCard([text(message, { color: 'Attention' })]));
}
