import { readFileSync } from 'node:fs';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createSlack } from '../../../src/adapters/slack/index.ts';
import { openJournalStores } from '../../../src/adapters/storage/journal/openJournalStores.ts';
import { DeliveryError } from '../../../src/ports/nudgeChannel.ts';
import { DEFAULT_DELIVER_OPTIONS, deliver } from '../../../src/app/deliver.ts';
import { queueTeamOverview } from '../../../src/app/apTeamChannel.ts';
import { TEAM_CHANNEL } from '../../../src/ports/nudgeOutbox.ts';
import { MONDAY_MORNING } from '../../fixtures/decisionDesk.ts';
import { aSchool } from '../../fixtures/school.ts';
import { MAX_BODY_BYTES } from '../../../src/adapters/slack/httpRoute.ts';
import { registerLinks } from '../../fixtures/registerLinks.ts';
import {
  aLog,
  AP_LEAD,
  dated,
  DSL,
  HEAD,
  methodsSeen,
  picked,
  pickedMany,
  sign,
  slackWorkspaces,
  STRANGER,
  TEACHER,
  ticked,
  typed,
  until,
  type Workspace,
} from './harness.ts';

const PTT = {
  id: 'P-PTT',
  kind: 'part_time_timetable',
  status: 'proposed',
  pupil: { ref: 'Y8-0100', initials: 'AB' },
  start: '2026-02-23',
  end: '2026-03-20',
  timetable: { mon: ['am'], tue: ['am'], wed: ['am'], thu: ['am'], fri: ['am'] },
  reason: 'Anxiety after a long absence; building back up',
  provider: undefined,
};
const PROPOSED = { id: 'P-NEW', status: 'proposed', pupil: { ref: 'Y7-0001', initials: 'CD' }, start: '2026-03-02' };

let ws: Workspace;
const openWorkspace = slackWorkspaces();
async function workspace(options: Parameters<typeof openWorkspace>[0] = {}) {
  ws = await openWorkspace(options);
  return ws;
}

/** A button's value as the shared card views make it. */
const payload = (actionId: string, placementId: string, version: number | null, input: Record<string, unknown> = {}) => JSON.stringify({ actionId, placementId, version, input });
const said = (message: Record<string, unknown> | undefined) => JSON.stringify(message?.blocks ?? '') + String(message?.text ?? '');
const replyTo = (w: Workspace, n = 0) => until(() => w.slack.responses[n]?.body, 'an ephemeral reply');
const opened = (w: Workspace, n = 0) => until(() => w.slack.sent('views.open')[n], 'views.open') as Promise<{ trigger_id: string; view: { callback_id: string; private_metadata: string; blocks: { block_id?: string }[] } }>;
const buttonsIn = (message: Record<string, unknown>) =>
  JSON.stringify(message.blocks)
    .match(/"action_id":"\w+"/g)
    ?.map((m) => m.slice(13, -1).split('#')[0]!) ?? [];
/** The buttons of a posted message, as Slack would send them back on a click. */
function buttonOf(message: Record<string, unknown>, actionId: string) {
  for (const block of message.blocks as { block_id?: string; elements?: { action_id?: string; value?: string }[]; accessory?: { action_id?: string; value?: string } }[]) {
    const button = [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])].find((e) => e.action_id === actionId);
    if (button?.value) return { action_id: actionId, value: button.value, block_id: block.block_id ?? 'b1' };
  }
  throw new Error(`no ${actionId} button`);
}

/** Delivers what decisions queued (a concern for the DSL, an approval request) through the Slack channel. */
async function deliverOutbox() {
  await deliver(ws.stores.outbox, [ws.school], [ws.adapter.channel], () => new Date(MONDAY_MORNING), { ...DEFAULT_DELIVER_OPTIONS, pacingMs: {} });
}

describe('/ap slash commands', () => {
  it('acks at once and lists what works for help, seen only by the person who asked', async () => {
    await workspace();
    const started = Date.now();
    const res = await ws.command(AP_LEAD, 'help');
    expect(res).toEqual({ status: 200, text: '' });
    expect(Date.now() - started).toBeLessThan(3000);
    const reply = await replyTo(ws);
    expect(reply.response_type).toBe('ephemeral');
    // mrkdwn escapes the angle brackets; Slack shows them as typed.
    for (const usage of ['due', 'status [pupil ref]', 'review &lt;pupil ref&gt;', 'concern &lt;pupil ref&gt;', 'end &lt;pupil ref&gt;', 'new', 'ptt propose']) expect(said(reply)).toContain(`/ap ${usage}`);
  });

  it('answers an unknown subcommand with what works', async () => {
    await workspace();
    await ws.command(AP_LEAD, 'dance wildly');
    const reply = await replyTo(ws);
    expect(said(reply)).toContain('dance wildly');
    expect(said(reply)).toContain('/ap review &lt;pupil ref&gt;');
  });

  it('answers an unknown pupil reference with the reference and what works, opening nothing', async () => {
    await workspace();
    await ws.command(AP_LEAD, 'review Y1-9999');
    const reply = await replyTo(ws);
    expect(said(reply)).toContain('no open placement for pupil Y1-9999');
    expect(said(reply)).toContain('/ap status [pupil ref]');
    expect(ws.slack.sent('views.open')).toEqual([]);
  });

  it("lists what is due for the AP lead, soonest first", async () => {
    await workspace();
    await ws.command(AP_LEAD, 'due');
    const reply = await replyTo(ws);
    expect(said(reply)).toContain('7 things need you');
    expect(said(reply)).toMatch(/JS · Y9-0412: Provider risk assessment[\s\S]*Late/);
  });

  it('when the staff ask at once, every ack goes out first and each person gets exactly one due list', async () => {
    await workspace();
    const asked = 20;
    const acks = await Promise.all(Array.from({ length: asked }, () => ws.command(AP_LEAD, 'due')));
    expect(acks.every((res) => res.status === 200)).toBe(true);
    await until(() => ws.slack.responses.length >= asked, 'the due lists');
    await new Promise((r) => setTimeout(r, 200));
    // One answer per response URL, each a due list: none lost, none sent twice.
    expect(new Set(ws.slack.responses.map((r) => r.method)).size).toBe(asked);
    expect(ws.slack.responses).toHaveLength(asked);
    expect(ws.slack.responses.every((r) => said(r.body).includes('7 things need you'))).toBe(true);
  });

  it('shows every open placement, or one by pupil reference', async () => {
    await workspace({ placements: [{}, PROPOSED] });
    await ws.command(AP_LEAD, 'status');
    expect(said(await replyTo(ws))).toMatch(/Y9-0412[\s\S]*Y7-0001|Y7-0001[\s\S]*Y9-0412/);
    await ws.command(AP_LEAD, 'status y7-0001');
    const one = await replyTo(ws, 1);
    expect(said(one)).toContain('CD · Y7-0001');
    expect(said(one)).not.toContain('Y9-0412');
    expect(buttonsIn(one)).toEqual(expect.arrayContaining(['openReviewForm', 'openConcernForm', 'openEndPlacementForm']));
  });

  it('does not show placements to a teacher', async () => {
    await workspace();
    await ws.command(TEACHER, 'status');
    expect(said(await replyTo(ws))).toMatch(/Placements are shown to the AP lead, headteacher, DSL, [a-zA-Z, ]*and attendance officer./);
  });

  it.each([
    ['new', 'commissionPlacement', undefined],
    ['review Y9-0412', 'recordReview', 'P-001'],
    ['concern Y9-0412', 'logConcern', 'P-001'],
    ['end Y9-0412', 'endPlacement', 'P-001'],
    ['ptt propose', 'proposePartTimeTimetable', undefined],
  ])('opens the modal for "/ap %s" with the trigger id at once', async (text, callbackId, placementId) => {
    await workspace();
    await ws.command(AP_LEAD, text);
    const call = await opened(ws);
    expect(call.trigger_id).toMatch(/^trigger-/);
    expect(call.view.callback_id).toBe(callbackId);
    expect(JSON.parse(call.view.private_metadata).placementId ?? undefined).toBe(placementId);
    expect(ws.slack.responses).toEqual([]);
  });

  it('lets a teacher open the concern modal but not the end-placement one', async () => {
    await workspace();
    await ws.command(TEACHER, 'concern Y9-0412');
    expect((await opened(ws)).view.callback_id).toBe('logConcern');
    await ws.command(TEACHER, 'end Y9-0412');
    expect(said(await replyTo(ws))).toContain('not allowed');
    expect(ws.slack.sent('views.open')).toHaveLength(1);
  });

  it('refuses an unknown user politely and audits it', async () => {
    await workspace();
    await ws.command(STRANGER, 'due');
    expect(said(await replyTo(ws))).toContain("don't recognise you");
    const audit = await ws.stores.audit.list(ws.school.id, { actor: `slack:${STRANGER}` });
    expect(audit).toMatchObject([{ action: 'refused:unknown_user', outcome: 'refused', role: null }]);
  });

  it('recovers when Slack could not tell the bot who it is at first', async () => {
    await workspace();
    ws.slack.answerNext('auth.test', [503, { ok: false }]);
    expect((await ws.command(AP_LEAD, 'help')).status).not.toBe(200);
    expect((await ws.command(AP_LEAD, 'help')).status).toBe(200);
    expect(said(await replyTo(ws))).toContain('/ap due');
    expect(ws.slack.sent('auth.test')).toHaveLength(2);
  });

  it('refuses a staff member signed in from another workspace', async () => {
    await workspace();
    const body = new URLSearchParams({ team_id: 'T0OTHER', user_id: HEAD, command: '/ap', text: 'due', response_url: `${ws.hooks}/commands/x`, trigger_id: 't' }).toString();
    await ws.post(body, 'application/x-www-form-urlencoded');
    expect(said(await replyTo(ws))).toContain("don't recognise you");
  });
});

/** Opens a modal through its slash command and submits it with these field values. */
async function submitThrough(w: Workspace, who: string, command: string, values: Record<string, Record<string, unknown>>, viewId?: string) {
  await w.command(who, command);
  const { view } = await opened(w);
  return w.submit(who, { ...view, ...(viewId ? { id: viewId } : {}) }, values);
}

describe('modals', () => {
  const review = {
    attendees: pickedMany('pupil', 'parents', 'provider'),
    progress: typed('Attending every day; reading age up a year'),
    outcome: picked('continue'),
    on: dated(null),
    nextReviewOn: dated('2026-03-16'),
  };

  it('records a review, closes the modal, and confirms by direct message', async () => {
    await workspace();
    const res = await submitThrough(ws, AP_LEAD, 'review Y9-0412', review);
    expect(res).toEqual({ status: 200, text: '' });
    const record = await ws.stores.placements.get(ws.school.id, 'P-001');
    expect(record?.placement.history.at(-1)).toMatchObject({ type: 'review', outcome: 'continue', by: 's-aplead', attendees: ['pupil', 'parents', 'provider'] });
    const confirmation = await until(() => ws.slack.sent('chat.postMessage')[0], 'the confirmation');
    expect(said(confirmation)).toContain('Ms R Okafor recorded the review');
  });

  it('shows what is wrong beside each field and records nothing', async () => {
    await workspace();
    const res = await submitThrough(ws, AP_LEAD, 'review Y9-0412', { attendees: pickedMany(), progress: typed('ok'), outcome: picked('continue') });
    const body = JSON.parse(res.text);
    expect(body.response_action).toBe('errors');
    expect(body.errors).toEqual({ attendees: expect.stringContaining('say who took part'), progress: expect.stringContaining('against the objectives') });
    expect((await ws.stores.placements.get(ws.school.id, 'P-001'))?.placement.history).toEqual([]);
  });

  it("puts a rule's refusal beside the field it names", async () => {
    await workspace();
    const res = await submitThrough(ws, AP_LEAD, 'review Y9-0412', { ...review, on: dated('2026-02-20') });
    expect(JSON.parse(res.text)).toEqual({ response_action: 'errors', errors: { on: expect.stringContaining('in the future') } });
  });

  it('records a double submit once', async () => {
    await workspace();
    await submitThrough(ws, AP_LEAD, 'review Y9-0412', review, 'V0SAME');
    const { view } = await opened(ws);
    await ws.submit(AP_LEAD, { ...view, id: 'V0SAME' }, review);
    expect((await ws.stores.placements.get(ws.school.id, 'P-001'))?.placement.history.filter((e) => e.type === 'review')).toHaveLength(1);
    // The second confirmation says it was already recorded, rather than that it was done again.
    const confirmations = await until(() => ws.slack.sent('chat.postMessage').length >= 2 && ws.slack.sent('chat.postMessage'), 'both confirmations');
    expect(confirmations.map((m) => said(m).includes('Already recorded'))).toEqual([false, true]);
  });

  it('sends a concern to the DSL only; the teacher who raised it is thanked without the details', async () => {
    await workspace();
    const details = 'Came in with a bruise on the arm and would not say how';
    await submitThrough(ws, TEACHER, 'concern Y9-0412', { category: picked('safeguarding'), details: typed(details) });
    await deliverOutbox();
    await until(() => ws.slack.sent('chat.postMessage').length === 2, 'two messages');
    const opens = new Set(ws.slack.sent('conversations.open').map((c) => c.users));
    expect([...opens].sort()).toEqual([DSL, TEACHER].sort());
    const withDetails = ws.slack.calls.filter((c) => JSON.stringify(c.body).includes('bruise'));
    expect(withDetails).toHaveLength(1);
    const dslChannel = ws.slack.calls.findIndex((c) => c.method === 'conversations.open' && c.body.users === DSL);
    expect(ws.slack.calls.indexOf(withDetails[0]!)).toBeGreaterThan(dslChannel);
    expect(said(withDetails[0]!.body)).toMatch(/safeguarding/i);
    expect(ws.slack.sent('chat.postMessage').some((m) => said(m).includes('logged a concern; the DSLs have it'))).toBe(true);
    const audit = await ws.stores.audit.list(ws.school.id, { placementId: 'P-001' });
    expect(JSON.stringify(audit)).not.toContain('bruise');
  });

  it('ends a placement', async () => {
    await workspace();
    await submitThrough(ws, AP_LEAD, 'end Y9-0412', { reason: picked('planned_end'), destination: typed('Year 10 at Oakfield') });
    expect((await ws.stores.placements.get(ws.school.id, 'P-001'))?.placement).toMatchObject({ status: 'ended', end: '2026-02-09' });
  });

  it('commissions a placement and sends its checklist with a button per check', async () => {
    await workspace();
    const res = await submitThrough(ws, AP_LEAD, 'new', {
      kind: picked('off_site_ap'),
      'pupil.ref': typed('y10-0007'),
      'pupil.initials': typed('ef'),
      'pupil.flags': ticked('lookedAfter'),
      start: dated('2026-03-02'),
      'provider.name': typed('Riverside Farm'),
      objectives: typed('Re-engage with maths\nGCSE English entry'),
    });
    expect(res.text).toBe('');
    const [created] = await ws.stores.placements.list(ws.school.id, { pupilRef: 'Y10-0007' });
    expect(created?.placement).toMatchObject({ kind: 'off_site_ap', status: 'proposed', pupil: { initials: 'EF', lookedAfter: true }, provider: { name: 'Riverside Farm' }, objectives: ['Re-engage with maths', 'GCSE English entry'] });
    const checklist = await until(() => ws.slack.sent('chat.postMessage')[0], 'the checklist');
    expect(buttonsIn(checklist).every((b) => b === 'tickChecklistItem')).toBe(true);
    expect(said(checklist)).toContain('Virtual school head told');
    expect(said(checklist)).toContain('Ms R Okafor set up the placement');
  });

  it('refuses a concern longer than the limit, naming the limit beside the field, and records nothing', async () => {
    await workspace();
    const res = await submitThrough(ws, TEACHER, 'concern Y9-0412', { category: picked('behaviour'), details: typed('x'.repeat(3001)) });
    expect(JSON.parse(res.text)).toEqual({ response_action: 'errors', errors: { details: 'is too long: keep it to 3,000 characters' } });
    expect((await ws.stores.placements.get(ws.school.id, 'P-001'))?.placement.history.some((e) => e.type === 'concern')).toBe(false);
  });

  it('refuses a commission with missing fields beside them', async () => {
    await workspace();
    const res = await submitThrough(ws, AP_LEAD, 'new', { kind: picked('on_site_ap'), 'pupil.ref': typed('Y10-0007'), 'pupil.initials': typed('e1'), start: dated('2026-03-02') });
    expect(JSON.parse(res.text)).toEqual({ response_action: 'errors', errors: { 'pupil.initials': expect.stringContaining('capital letters') } });
  });

  it('proposes a part-time timetable and asks the headteacher to approve it in a DM', async () => {
    await workspace();
    await submitThrough(ws, TEACHER, 'ptt propose', {
      'pupil.ref': typed('Y8-0200'),
      'pupil.initials': typed('GH'),
      reason: typed('Medical needs after an operation; mornings only'),
      timetable: ticked('mon.am', 'tue.am', 'wed.am'),
      start: dated('2026-02-23'),
      end: dated('2026-03-13'),
      planToFullTime: typed('Afternoons added back one a week from 2 March'),
      parentsAgreed: picked('yes'),
    });
    await deliverOutbox();
    const request = await until(() => ws.slack.sent('chat.postMessage').find((m) => buttonsIn(m).includes('approvePartTimeTimetable')), 'the approval request');
    expect(buttonsIn(request)).toEqual(['approvePartTimeTimetable', 'declinePartTimeTimetable']);
    expect(ws.slack.sent('conversations.open').map((c) => c.users)).toContain(HEAD);
    expect(said(request)).toContain('GH · Y8-0200');
    expect(said(request)).toContain('Still needs the AP lead');
    // The whole proposal is on the card the headteacher approves from.
    for (const part of ['Medical needs after an operation', 'Mon morning, Tue morning, Wed morning', 'Parents agreed', 'Yes, recorded', 'Afternoons added back one a week', 'Miss L Evans'])
      expect(said(request)).toContain(part);
  });

  it('tells the person the modal stays open when they are not on the staff list', async () => {
    await workspace();
    const res = await ws.submit(STRANGER, { callback_id: 'logConcern', private_metadata: JSON.stringify({ placementId: 'P-001' }) }, { category: picked('behaviour'), details: typed('Threw a chair in the canteen today') });
    expect(JSON.parse(res.text)).toMatchObject({ response_action: 'errors', errors: { category: expect.stringContaining("don't recognise you") } });
    expect((await ws.stores.placements.get(ws.school.id, 'P-001'))?.placement.history).toEqual([]);
  });
});

describe('buttons on cards', () => {
  async function approvalRequestFor(w: Workspace, staffId = 's-head') {
    const staff = w.school.config.staff.find((s) => s.id === staffId)!;
    await w.adapter.channel.send(w.school.id, staff, { kind: 'approval_request', schoolId: w.school.id, placementId: 'P-PTT' }, 'approval|P-PTT|k|s-head');
    return w.slack.sent('chat.postMessage').at(-1)!;
  }

  it('records an approval and replaces the card with who did what, buttons gone', async () => {
    await workspace({ placements: [PTT] });
    const card = await approvalRequestFor(ws);
    await ws.click(HEAD, buttonOf(card, 'approvePartTimeTimetable'));
    const update = await until(() => ws.slack.sent('chat.update')[0], 'the card update');
    expect(update).toMatchObject({ channel: 'D0DM', ts: '1700000000.000200' });
    expect(said(update)).toContain('Dr A Patel approved the part-time timetable');
    expect(buttonsIn(update)).toEqual([]);
    expect((await ws.stores.placements.get(ws.school.id, 'P-PTT'))?.placement.history).toMatchObject([{ type: 'approval', role: 'headteacher' }]);
  });

  it('redraws a stale card as things now stand and says why', async () => {
    await workspace({ placements: [PTT] });
    const card = await approvalRequestFor(ws);
    await ws.click(AP_LEAD, { action_id: 'approvePartTimeTimetable', value: payload('approvePartTimeTimetable:P-PTT', 'P-PTT', 0) }, { ts: '1700000000.000999' });
    await until(() => ws.slack.sent('chat.update')[0], 'the first update');
    await ws.click(HEAD, buttonOf(card, 'approvePartTimeTimetable'));
    const redrawn = await until(() => ws.slack.sent('chat.update')[1], 'the redraw');
    expect(JSON.parse(buttonOf(redrawn, 'approvePartTimeTimetable').value)).toMatchObject({ version: 1 });
    expect(said(redrawn)).toContain('Your approval completes it');
    expect(said(redrawn)).toContain('Someone else has updated this placement');
  });

  it('opens the decline modal from the card, then records it and updates the card', async () => {
    await workspace({ placements: [PTT] });
    const card = await approvalRequestFor(ws);
    await ws.click(HEAD, buttonOf(card, 'declinePartTimeTimetable'));
    const { view } = await opened(ws);
    expect(view.callback_id).toBe('declinePartTimeTimetable');
    expect(JSON.parse(view.private_metadata)).toMatchObject({ placementId: 'P-PTT', origin: { channel: 'D0DM', ts: '1700000000.000200' } });
    expect(JSON.parse((await ws.submit(HEAD, view, { reason: typed('no') })).text)).toEqual({ response_action: 'errors', errors: { reason: expect.stringContaining('say why') } });
    expect((await ws.submit(HEAD, view, { reason: typed('Not enough support planned') })).text).toBe('');
    const update = await until(() => ws.slack.sent('chat.update')[0], 'the card update');
    expect(said(update)).toContain('Dr A Patel declined the part-time timetable');
    expect((await ws.stores.placements.get(ws.school.id, 'P-PTT'))?.placement.status).toBe('ended');
  });

  it('ticks a checklist item and redraws the checklist with it done', async () => {
    await workspace({ placements: [PROPOSED] });
    await ws.click(AP_LEAD, { action_id: 'tickChecklistItem', block_id: 'tick:pupil_risk_assessment', value: payload('tickChecklistItem:P-NEW:pupil_risk_assessment', 'P-NEW', 0, { item: 'pupil_risk_assessment' }) });
    const update = await until(() => ws.slack.sent('chat.update')[0], 'the checklist update');
    expect(said(update)).toContain(':white_check_mark: Pupil’s risk assessment done');
    expect(buttonsIn(update)).not.toHaveLength(0);
    expect((await ws.stores.placements.get(ws.school.id, 'P-NEW'))?.placement.history.map((e) => e.type)).toEqual(['checklist_item', 'risk_assessment']);
  });

  it('opens the snooze modal from a reminder and records the snooze on submit', async () => {
    await workspace();
    const staff = ws.school.config.staff.find((s) => s.id === 's-aplead')!;
    const item = { placementId: 'P-001', providerId: null, type: 'placement_review', subject: 'Spring 2026 first half', ownerRole: 'ap_lead', escalateToRole: 'headteacher', dueDate: '2026-02-13', dueAt: '2026-02-13T15:15:00Z', stage: 'upcoming', safeguarding: false, raisedBy: null, session: null, pupil: { ref: 'Y9-0412', initials: 'JS' } } as const;
    await ws.adapter.channel.send(ws.school.id, staff, { kind: 'reminder', schoolId: ws.school.id, item }, 'reminder-1');
    const card = ws.slack.sent('chat.postMessage')[0]!;
    expect(buttonsIn(card)).toEqual(expect.arrayContaining(['openReviewForm', 'snoozeNudge']));
    await ws.click(AP_LEAD, buttonOf(card, 'snoozeNudge'));
    const { view } = await opened(ws);
    expect(JSON.parse(view.private_metadata)).toMatchObject({ input: { obligation: 'placement_review:Spring 2026 first half' }, origin: { channel: 'D0DM' } });
    expect((await ws.submit(AP_LEAD, view, { until: dated('2026-02-11'), reason: typed('Review booked with parents') })).text).toBe('');
    expect((await ws.stores.placements.get(ws.school.id, 'P-001'))?.placement.history.at(-1)).toMatchObject({ type: 'snooze', until: '2026-02-11', by: 's-aplead' });
    expect(said(await until(() => ws.slack.sent('chat.update')[0], 'the card update'))).toContain('Ms R Okafor snoozed the reminder');
  });

  it('offers to reassign a duty to everyone who can own it, and records the one picked', async () => {
    await workspace();
    await ws.click(AP_LEAD, { action_id: 'reassignOwner', value: payload('reassignOwner:P-001', 'P-001', 0, { role: 'ap_lead' }) });
    const { view } = await opened(ws);
    expect(view.callback_id).toBe('reassignOwner');
    // The headteacher may do all an AP lead's duty asks; the DSL may not; Ms Okafor owns it already, alone.
    const options = JSON.stringify(view.blocks).match(/"text":\{"type":"plain_text","text":"[^"]+"\},"value":"s-[\w-]+"/g) ?? [];
    expect(options.map((o) => o.replace(/.*"text":"([^"]+)".*/, '$1'))).toEqual(['Dr A Patel']);
    expect((await ws.submit(AP_LEAD, view, { to: picked('s-head') })).text).toBe('');
    expect((await ws.stores.placements.get(ws.school.id, 'P-001'))?.placement.owners).toEqual({ ap_lead: 's-head' });
  });

  it('keeps the snooze modal open with the reason beside the date when it would pass the escalation', async () => {
    await workspace();
    await ws.click(AP_LEAD, { action_id: 'snoozeNudge', value: payload('snoozeNudge:P-001', 'P-001', 0, { obligation: 'placement_review:Spring 2026 first half' }) });
    const { view } = await opened(ws);
    const res = await ws.submit(AP_LEAD, view, { until: dated('2026-03-02'), reason: typed('Parents away') });
    expect(JSON.parse(res.text)).toEqual({ response_action: 'errors', errors: { until: expect.stringContaining('until Wed 25 Feb at the latest') } });
  });

  it('opens the review modal from a reminder, and replaces the reminder once the review is saved', async () => {
    await workspace();
    await ws.click(AP_LEAD, { action_id: 'openReviewForm', value: payload('openReviewForm:P-001', 'P-001', 0) });
    const { view } = await opened(ws);
    expect(view.callback_id).toBe('recordReview');
    await ws.submit(AP_LEAD, view, { attendees: pickedMany('pupil'), progress: typed('Settled well; attending'), outcome: picked('continue'), nextReviewOn: dated('2026-03-16') });
    expect(said(await until(() => ws.slack.sent('chat.update')[0], 'the card update'))).toContain('recorded the review');
  });

  it('shows a placement, and a reminder from a digest, to the person who asked', async () => {
    await workspace();
    await ws.click(AP_LEAD, { action_id: 'showPlacement', value: payload('showPlacement:P-001', 'P-001', 0) });
    expect(said(await until(() => ws.slack.sent('chat.update')[0], 'the card replaced'))).toContain('JS · Y9-0412');
    await ws.click(AP_LEAD, { action_id: 'showReminder', value: payload('showReminder:P-001:qa_visit', 'P-001', 0, { obligation: 'qa_visit' }) });
    expect(said(await replyTo(ws))).toMatch(/visit/i);
  });

  it('keeps placements and reminders from staff who may not read placements', async () => {
    await workspace();
    await ws.click(TEACHER, { action_id: 'showPlacement', value: payload('showPlacement:P-001', 'P-001', 0) });
    expect(said(await replyTo(ws))).toContain('Placements are shown to the');
    await ws.click(TEACHER, { action_id: 'showReminder', value: payload('showReminder:P-001:qa_visit', 'P-001', 0, { obligation: 'qa_visit' }) });
    expect(said(await replyTo(ws, 1))).toContain('Placements are shown to the');
    expect(ws.slack.sent('chat.update')).toEqual([]);
  });

  it('pages a long due list with its own "show more" button', async () => {
    await workspace({ placements: ['P-001', 'P-002', 'P-003'].map((id, i) => ({ id, pupil: { ref: `Y9-050${i}`, initials: 'JS' } })) });
    await ws.command(AP_LEAD, 'due');
    const first = await replyTo(ws);
    expect(said(first)).toContain('Showing 1 to 10 of');
    await ws.click(AP_LEAD, buttonOf(first, 'showMore'), { ephemeral: true });
    const second = await replyTo(ws, 1);
    expect(second).toMatchObject({ replace_original: true });
    expect(said(second)).toContain('Showing 11 to');
    expect(ws.slack.sent('chat.update')).toEqual([]);
  });

  it('answers an out-of-date button on a /ap due list for its own item, naming the pupil, and leaves the list alone', async () => {
    await workspace({ placements: ['P-001', 'P-002'].map((id, i) => ({ id, pupil: { ref: `Y9-050${i}`, initials: i === 0 ? 'JS' : 'AB' } })) });
    await ws.command(AP_LEAD, 'due');
    const list = await replyTo(ws);
    const quick = (list.blocks as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .map((e) => ({ action_id: e.action_id ?? '', value: e.value ?? '' }))
      .filter((e) => e.action_id !== '' && !['showReminder', 'showMore'].includes(e.action_id.split('#')[0]!))
      .find((e) => (JSON.parse(e.value) as { placementId: string }).placementId === 'P-002');
    if (!quick) throw new Error('no one-press button for AB on the list');
    // Someone records something else on AB's placement after the list was drawn.
    await ws.stores.placements.applyDecision({
      schoolId: ws.school.id,
      placementId: 'P-002',
      expectedVersion: 0,
      idempotencyKey: 'elsewhere',
      placement: { ...(await ws.stores.placements.get(ws.school.id, 'P-002'))!.placement, version: 1 },
      nextDueAt: null,
      audit: { schoolId: ws.school.id, at: new Date(MONDAY_MORNING), actor: 's-head', role: 'headteacher', action: 'updatePlacement', placementId: 'P-002', idempotencyKey: 'elsewhere', outcome: 'recorded', summary: 'Updated' },
    });
    await ws.click(AP_LEAD, quick, { ephemeral: true });
    const answer = await replyTo(ws, 1);
    expect(answer).toMatchObject({ replace_original: false });
    expect(said(answer)).toContain('AB · Y9-0501: Someone else has updated this placement');
    expect(ws.slack.responses.filter((r) => r.body['replace_original'] === true)).toEqual([]);
    expect(ws.slack.sent('chat.update')).toEqual([]);
  });

  it('opens a placement from the /ap status list in its place, with a way back to the list', async () => {
    await workspace({ placements: Array.from({ length: 3 }, (_, i) => ({ id: `P-${100 + i}`, pupil: { ref: `Y9-${1100 + i}`, initials: 'TT' } })) });
    await ws.command(HEAD, 'status');
    const list = await replyTo(ws);
    await ws.click(HEAD, buttonOf(list, 'showPlacement'), { ephemeral: true });
    const summary = await replyTo(ws, 1);
    expect(summary).toMatchObject({ replace_original: true });
    expect(said(summary)).toContain('Back to the list');
    await ws.click(HEAD, buttonOf(summary, 'showMore'), { ephemeral: true });
    const again = await replyTo(ws, 2);
    expect(again).toMatchObject({ replace_original: true });
    expect(said(again)).toContain('Open placements (3)');
  });

  it('pages the list of placements, and only for those who may read them', async () => {
    await workspace({ placements: Array.from({ length: 27 }, (_, i) => ({ id: `P-${100 + i}`, pupil: { ref: `Y9-${1100 + i}`, initials: 'TT' } })) });
    await ws.command(HEAD, 'status');
    const first = await replyTo(ws);
    expect(said(first)).toContain('Showing 1 to 20 of 27');
    const more = buttonOf(first, 'showMore');
    await ws.click(HEAD, more, { ephemeral: true });
    const second = await replyTo(ws, 1);
    expect(second).toMatchObject({ replace_original: true });
    expect(said(second)).toContain('Showing 21 to 27 of 27');
    expect(said(second)).toContain('TT · Y9-1126');
    expect(buttonsIn(second)).not.toContain('showMore');
    await ws.click(TEACHER, more, { ephemeral: true });
    const refused = await replyTo(ws, 2);
    expect(refused).toMatchObject({ replace_original: false });
    expect(said(refused)).toContain('Placements are shown to the');
  });

  it('approves from App Home and republishes it', async () => {
    await workspace({ placements: [PTT] });
    await ws.click(HEAD, { action_id: 'approvePartTimeTimetable', value: payload('approvePartTimeTimetable:P-PTT', 'P-PTT', 0) }, { home: true });
    const home = await until(() => ws.slack.sent('views.publish')[0], 'the home');
    expect(home.user_id).toBe(HEAD);
    expect(said(home.view as Record<string, unknown>)).toContain('You approved the part-time timetable');
    expect(ws.slack.sent('chat.update')).toEqual([]);
  });

  it('refuses a button from an unknown user and audits it', async () => {
    await workspace({ placements: [PTT] });
    await ws.click(STRANGER, { action_id: 'approvePartTimeTimetable', value: payload('approvePartTimeTimetable:P-PTT', 'P-PTT', 0) });
    expect(said(await replyTo(ws))).toContain("don't recognise you");
    expect(await ws.stores.audit.list(ws.school.id, { actor: `slack:${STRANGER}` })).toHaveLength(1);
    expect((await ws.stores.placements.get(ws.school.id, 'P-PTT'))?.placement.history).toEqual([]);
  });

  it('tells someone not allowed, and changes nothing', async () => {
    await workspace({ placements: [PTT] });
    await ws.click(TEACHER, { action_id: 'approvePartTimeTimetable', value: payload('approvePartTimeTimetable:P-PTT', 'P-PTT', 0) });
    expect(said(await replyTo(ws))).toContain('not allowed');
    expect(ws.slack.sent('chat.update')).toEqual([]);
  });

  it('says a button with a value it cannot read no longer works', async () => {
    await workspace();
    await ws.click(AP_LEAD, { action_id: 'approvePartTimeTimetable', value: '{not json' });
    expect(said(await replyTo(ws))).toContain('no longer works');
  });
});

describe('App Home', () => {
  it("shows the headteacher's due items, pending approvals and recent decisions", async () => {
    await workspace({ placements: [{}, PTT] });
    await ws.click(AP_LEAD, { action_id: 'approvePartTimeTimetable', value: payload('approvePartTimeTimetable:P-PTT', 'P-PTT', 0) });
    await until(() => ws.slack.sent('chat.update')[0], 'the approval');
    expect((await ws.event({ type: 'app_home_opened', user: HEAD, channel: 'D0DM', tab: 'home' })).status).toBe(200);
    const home = await until(() => ws.slack.sent('views.publish')[0], 'the home');
    expect(home.user_id).toBe(HEAD);
    expect(said(home.view as Record<string, unknown>)).toContain('Waiting for your approval');
    expect(buttonsIn(home.view as Record<string, unknown>)).toContain('approvePartTimeTimetable');
    await ws.event({ type: 'app_home_opened', user: AP_LEAD, channel: 'D0DM', tab: 'home' });
    const lead = await until(() => ws.slack.sent('views.publish')[1], "the AP lead's home");
    expect(said(lead.view as Record<string, unknown>)).toContain('You approved the part-time timetable');
    expect(said(lead.view as Record<string, unknown>)).toContain('JS · Y9-0412');
  });

  it('shows the AP lead who the bot cannot reach yet, and nobody else', async () => {
    await workspace({ moreStaff: [{ id: 's-new', name: 'Mr P New', email: 'p.new@oakfield.sch.example', roles: ['staff'] }] });
    await ws.event({ type: 'app_home_opened', user: AP_LEAD, channel: 'D0DM', tab: 'home' });
    const lead = await until(() => ws.slack.sent('views.publish')[0], "the AP lead's home");
    expect(said(lead.view as Record<string, unknown>)).toContain('Not reachable by the bot yet: Mr P New. `ap staff check` says why, and what to do.');
    await ws.event({ type: 'app_home_opened', user: TEACHER, channel: 'D0DM', tab: 'home' });
    const teacher = await until(() => ws.slack.sent('views.publish')[1], "the teacher's home");
    expect(said(teacher.view as Record<string, unknown>)).not.toContain('Not reachable');
  });

  it('greets someone not on the staff list politely and audits it', async () => {
    await workspace();
    await ws.event({ type: 'app_home_opened', user: STRANGER, channel: 'D0DM', tab: 'home' });
    const home = await until(() => ws.slack.sent('views.publish')[0], 'the home');
    expect(said(home.view as Record<string, unknown>)).toContain("don't recognise you");
    expect(await ws.stores.audit.list(ws.school.id, { actor: `slack:${STRANGER}` })).toHaveLength(1);
  });
});

describe('the door: signatures, staleness and payloads', () => {
  it('answers the URL verification challenge', async () => {
    await workspace();
    const body = JSON.stringify({ type: 'url_verification', token: 'legacy', challenge: 'c-123' });
    const res = await ws.post(body, 'application/json');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'c-123' });
  });

  it('turns away a bad signature, a stale request and an unsigned one with 401', async () => {
    await workspace();
    const body = new URLSearchParams({ team_id: 'T0DEMO0001', user_id: AP_LEAD, command: '/ap', text: 'due' }).toString();
    const form = 'application/x-www-form-urlencoded';
    expect((await ws.post(body, form, sign(body, undefined, 'not-the-secret'))).status).toBe(401);
    expect((await ws.post(body, form, sign(body, Math.floor(Date.now() / 1000) - 6 * 60))).status).toBe(401);
    expect((await ws.post(body, form, {})).status).toBe(401);
    expect((await ws.post(`${body}&text=end`, form, sign(body))).status).toBe(401);
    // Bolt checks its token with auth.test on start; nothing else may have happened.
    expect(ws.slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(ws.slack.responses).toEqual([]);
  });

  it('refuses an oversized body with 413 before reading it all', async () => {
    await workspace();
    const body = `payload=${'x'.repeat(MAX_BODY_BYTES + 1)}`;
    expect((await ws.post(body, 'application/x-www-form-urlencoded')).status).toBe(413);
  });

  it('answers a signed but malformed payload with 400', async () => {
    await workspace();
    expect((await ws.post('payload=%7Bnot-json', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect((await ws.post('{"type":', 'application/json')).status).toBe(400);
  });

  it.each([
    ['payload=null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['a JSON null', 'null', 'application/json'],
    ['a JSON array', '[]', 'application/json'],
    ['a JSON string', '"ssl_check"', 'application/json'],
    ['an event with no event', JSON.stringify({ type: 'event_callback', team_id: 'T0DEMO0001' }), 'application/json'],
    ['a payload with no type', `payload=${encodeURIComponent(JSON.stringify({ user: { id: AP_LEAD } }))}`, 'application/x-www-form-urlencoded'],
    ['a button press with no actions', `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: AP_LEAD }, actions: null }))}`, 'application/x-www-form-urlencoded'],
    ['a form that is no command', 'user_id=U0DEMOAPLD&text=due', 'application/x-www-form-urlencoded'],
    ['a form posted as plain text', 'command=%2Fap&user_id=U0DEMOAPLD&team_id=T0DEMO0001', 'text/plain'],
  ])('answers a correctly signed %s with 400 and keeps serving', async (_what, body, type) => {
    await workspace();
    expect((await ws.post(body, type)).status).toBe(400);
    expect(ws.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual(['refused a signed Slack request whose body is not a Slack payload']);
    expect((await ws.command(AP_LEAD, 'help')).status).toBe(200);
  });

  it('refuses a signed request stamped more than five minutes ahead, and takes one within five minutes either way', async () => {
    await workspace();
    const body = (text: string) => new URLSearchParams({ team_id: 'T0DEMO0001', user_id: AP_LEAD, command: '/ap', text, response_url: `${ws.hooks}/x`, trigger_id: 't' }).toString();
    const form = 'application/x-www-form-urlencoded';
    const now = Math.floor(Date.now() / 1000);
    expect((await ws.post(body('help'), form, sign(body('help'), now + 60 * 60))).status).toBe(401);
    expect((await ws.post(body('help'), form, sign(body('help'), now + 6 * 60))).status).toBe(401);
    expect((await ws.post(body('help '), form, sign(body('help '), now + 4 * 60))).status).toBe(200);
    expect((await ws.post(body('help  '), form, sign(body('help  '), now - 4 * 60))).status).toBe(200);
  });

  it('refuses the same signed bytes sent again, with one warning line and nothing done twice', async () => {
    await workspace();
    const body = new URLSearchParams({ team_id: 'T0DEMO0001', user_id: AP_LEAD, command: '/ap', text: 'help', response_url: `${ws.hooks}/x`, trigger_id: 't' }).toString();
    const headers = sign(body);
    const form = 'application/x-www-form-urlencoded';
    expect((await ws.post(body, form, headers)).status).toBe(200);
    await replyTo(ws);
    const replay = await ws.post(body, form, headers);
    expect(replay).toEqual({ status: 401, text: '' });
    expect(ws.lines.filter((l) => l.level === 'warn')).toEqual([{ level: 'warn', fields: { component: 'slack', reason: 'replayed signature' }, message: 'refused a Slack request that is not verified' }]);
    await new Promise((r) => setTimeout(r, 100));
    expect(ws.slack.responses).toHaveLength(1);
  });

  it('only takes POST', async () => {
    await workspace();
    const res = await fetch(ws.url);
    expect(res.status).toBe(405);
  });
});

describe('the AP team channel', () => {
  const chosen = (w: Workspace) => w.stores.conversations.get(w.school.id, TEAM_CHANNEL, 'slack');

  it('is chosen by a leader with /ap post here, announced in the channel, and gets the morning overview as a plain post', async () => {
    await workspace({ placements: [{ start: '2025-11-03' }] });
    await ws.command(AP_LEAD, 'post here', 'C0APTEAM');
    expect(said(await replyTo(ws))).toMatch(/Each school morning I will post here/);
    expect((await chosen(ws))?.reference).toEqual({ channel: 'C0APTEAM' });
    const [announcement] = ws.slack.sent('chat.postMessage');
    expect(announcement).toMatchObject({ channel: 'C0APTEAM' });
    expect(String(announcement?.text)).toMatch(/^Ms R Okafor asked me to post the morning overview of AP duties here/);

    await ws.command(AP_LEAD, 'post here', 'C0APTEAM');
    expect(said(await replyTo(ws, 1))).toContain('already where I post');
    expect(ws.slack.sent('chat.postMessage')).toHaveLength(1);

    expect(await queueTeamOverview(ws.stores, ws.school, new Date(MONDAY_MORNING))).toBe(true);
    await deliverOutbox();
    const [, post] = ws.slack.sent('chat.postMessage');
    expect(post).toMatchObject({ channel: 'C0APTEAM', metadata: { event_type: 'apbot_nudge', event_payload: { dedupe_key: 'team|2026-02-09' } } });
    expect(said(post)).toMatch(/AP duties, Mon 9 Feb: \d+ late/);
    expect(said(post)).toContain('JS · Y9-0412: Placement review (Autumn 2025 second half)');
    expect(buttonsIn(post!)).toEqual([]);
    expect(ws.slack.sent('conversations.open')).toEqual([]);
  });

  it('takes a private channel, whose id may start with G like a group DM', async () => {
    await workspace();
    await ws.command(HEAD, 'post here', 'G0APTEAM', 'privategroup');
    expect(said(await replyTo(ws))).toMatch(/Each school morning I will post here/);
    expect((await chosen(ws))?.reference).toEqual({ channel: 'G0APTEAM' });
  });

  it('is not chosen by a teacher, nor from a direct message or group DM', async () => {
    await workspace();
    await ws.command(TEACHER, 'post here', 'C0APTEAM');
    expect(said(await replyTo(ws))).toContain('Only the AP lead or the headteacher');
    await ws.command(AP_LEAD, 'post here', 'D0DM');
    expect(said(await replyTo(ws, 1))).toContain('/ap post here');
    await ws.command(AP_LEAD, 'post here', 'G0GROUPDM', 'mpdm-okafor--patel-1');
    expect(said(await replyTo(ws, 2))).toContain('/ap post here');
    expect(await chosen(ws)).toBeUndefined();
    expect(ws.slack.sent('chat.postMessage')).toEqual([]);
    const refused = (await ws.stores.audit.list(ws.school.id)).filter((e) => e.action.endsWith('chooseTeamChannel'));
    expect(refused.map((e) => [e.action, e.actor])).toEqual([['refused:chooseTeamChannel', 's-teacher']]);
  });

  it('is not kept when the bot cannot post in the channel, and says how to add it', async () => {
    await workspace();
    ws.slack.answerNext('chat.postMessage', [200, { ok: false, error: 'not_in_channel' }]);
    await ws.command(AP_LEAD, 'post here', 'C0APTEAM');
    expect(said(await replyTo(ws))).toContain('/invite @apbot');
    expect(await chosen(ws)).toBeUndefined();
    expect((await ws.stores.audit.list(ws.school.id)).filter((e) => e.action === 'chooseTeamChannel')).toEqual([]);
  });

  it('keeps the overview as undeliverable when the bot was removed from the channel since, saying why', async () => {
    await workspace({ placements: [{ start: '2025-11-03' }] });
    await ws.command(HEAD, 'post here', 'C0APTEAM');
    await replyTo(ws);
    await queueTeamOverview(ws.stores, ws.school, new Date(MONDAY_MORNING));
    ws.slack.answerNext('chat.postMessage', [200, { ok: false, error: 'not_in_channel' }]);
    await deliverOutbox();
    const [entry] = await ws.stores.outbox.list(ws.school.id, { staffId: TEAM_CHANNEL });
    expect(entry).toMatchObject({ status: 'dead', lastError: 'Slack refused: not_in_channel' });
  });
});

describe('delivering nudges by direct message', () => {
  const staff = (w: Workspace, id: string) => w.school.config.staff.find((s) => s.id === id)!;
  const reminder = (w: Workspace) =>
    ({
      kind: 'reminder',
      schoolId: w.school.id,
      item: { placementId: 'P-001', providerId: null, type: 'qa_visit', subject: null, ownerRole: 'ap_lead', escalateToRole: null, dueDate: '2026-02-10', dueAt: '2026-02-10T15:15:00Z', stage: 'due', safeguarding: false, raisedBy: null, session: null, pupil: { ref: 'Y9-0412', initials: 'JS' } },
    }) as const;

  it('opens the DM and posts the reminder, tagged with its dedupe key', async () => {
    await workspace();
    expect(await ws.adapter.channel.canReach(ws.school.id, staff(ws, 's-aplead'))).toBe(true);
    await ws.adapter.channel.send(ws.school.id, staff(ws, 's-aplead'), reminder(ws), 'P-001|qa_visit||2026-02-10|due|s-aplead');
    expect(ws.slack.sent('conversations.open')).toMatchObject([{ users: AP_LEAD }]);
    expect(ws.slack.sent('chat.postMessage')).toMatchObject([{ channel: 'D0DM', metadata: { event_type: 'apbot_nudge', event_payload: { dedupe_key: 'P-001|qa_visit||2026-02-10|due|s-aplead' } } }]);
  });

  it('hands a 429 back with its Retry-After for the deliverer to pace', async () => {
    await workspace();
    ws.slack.answerNext('chat.postMessage', [429, { ok: false, error: 'ratelimited' }, { 'retry-after': '30' }]);
    const sending = ws.adapter.channel.send(ws.school.id, staff(ws, 's-aplead'), reminder(ws), 'k');
    await expect(sending).rejects.toBeInstanceOf(DeliveryError);
    await expect(sending).rejects.toMatchObject({ retryAfterMs: 30_000, permanent: false });
    expect(ws.slack.sent('chat.postMessage')).toHaveLength(1);
  });

  it('marks an account Slack will never deliver to as permanent, and a server error as worth retrying', async () => {
    await workspace();
    ws.slack.answerNext('chat.postMessage', [200, { ok: false, error: 'account_inactive' }], [503, { ok: false }]);
    await expect(ws.adapter.channel.send(ws.school.id, staff(ws, 's-aplead'), reminder(ws), 'k')).rejects.toMatchObject({ permanent: true });
    await expect(ws.adapter.channel.send(ws.school.id, staff(ws, 's-aplead'), reminder(ws), 'k')).rejects.toMatchObject({ permanent: false, retryAfterMs: undefined });
  });

  it('cannot reach someone without a Slack id', async () => {
    await workspace();
    const noSlack = { ...staff(ws, 's-aplead'), slack: undefined };
    expect(await ws.adapter.channel.canReach(ws.school.id, noSlack)).toBe(false);
    await expect(ws.adapter.channel.send(ws.school.id, noSlack, reminder(ws), 'k')).rejects.toMatchObject({ permanent: true });
  });

  it('finds a nudge it already posted by its dedupe key', async () => {
    await workspace();
    ws.slack.answerNext('conversations.history', [200, { ok: true, messages: [{ type: 'message', ts: '1', metadata: { event_type: 'apbot_nudge', event_payload: { dedupe_key: 'k-1' } } }] }]);
    expect(await ws.adapter.channel.wasDelivered!(ws.school.id, staff(ws, 's-aplead'), 'k-1')).toBe(true);
    expect(await ws.adapter.channel.wasDelivered!(ws.school.id, staff(ws, 's-aplead'), 'k-1')).toBe(false);
    expect(ws.slack.sent('conversations.history')[0]).toMatchObject({ channel: 'D0DM', include_all_metadata: 'true' });
  });

  it("refuses, for good, to send a concern's details to someone who is not a DSL", async () => {
    await workspace();
    await submitThrough(ws, TEACHER, 'concern Y9-0412', { category: picked('behaviour'), details: typed('Threw a chair in the canteen today') });
    await deliverOutbox();
    await until(() => ws.slack.sent('chat.postMessage').length === 2, 'the concern messages');
    const [concern] = (await ws.stores.placements.get(ws.school.id, 'P-001'))!.placement.history;
    const alert = { kind: 'concern_alert', schoolId: ws.school.id, placementId: 'P-001', concernKey: concern!.key! } as const;
    await expect(ws.adapter.channel.send(ws.school.id, staff(ws, 's-head'), alert, 'c-head')).rejects.toMatchObject({ permanent: true });
    expect(ws.slack.sent('chat.postMessage')).toHaveLength(2);
    await ws.adapter.channel.send(ws.school.id, staff(ws, 's-dsl'), alert, 'c-dsl');
    expect(said(ws.slack.sent('chat.postMessage').at(-1))).toContain('chair');
  });

  it('retries a rate-limited reply after Retry-After when the client may retry', async () => {
    await workspace({ retries: 1 });
    ws.slack.answerNext('chat.postMessage', [429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' }]);
    const started = Date.now();
    await submitThrough(ws, AP_LEAD, 'end Y9-0412', { reason: picked('planned_end') });
    await until(() => ws.slack.sent('chat.postMessage').length === 2, 'the retried confirmation', 5000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(said(ws.slack.sent('chat.postMessage')[1])).toContain('ended the placement');
  });
});

describe('the manifest', () => {
  /** The bot scope each Web API method the bot calls needs (none for auth.test and views.*). */
  const SCOPE_OF: Record<string, string | null> = {
    'auth.test': null,
    'chat.postMessage': 'chat:write',
    'chat.update': 'chat:write',
    'chat.postEphemeral': 'chat:write',
    'conversations.open': 'im:write',
    'conversations.history': 'im:history',
    'views.open': null,
    'views.publish': null,
  };

  it('asks for exactly the scopes of the Web API methods this suite saw the bot call, plus commands', () => {
    const unknown = [...methodsSeen].filter((m) => !(m in SCOPE_OF));
    expect(unknown).toEqual([]);
    expect([...methodsSeen].sort()).toEqual(expect.arrayContaining(['chat.postMessage', 'chat.update', 'conversations.open', 'views.open', 'views.publish']));
    const needed = new Set([...methodsSeen].map((m) => SCOPE_OF[m]).filter((s): s is string => !!s));
    const manifest = parse(readFileSync(new URL('../../../manifests/slack/manifest.yaml', import.meta.url), 'utf8'));
    // `ap staff check` finds people by email with users.lookupByEmail (tests/cli/staff.test.ts); a
    // spreadsheet shared in the DM is fetched with files:read (tests/channels/slack/spreadsheetImport.test.ts).
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...new Set([...needed, 'commands', 'users:read', 'users:read.email', 'files:read', 'im:history'])].sort());
    expect(manifest.features.slash_commands).toMatchObject([{ command: '/ap', url: 'https://{{HOST}}/slack/events' }]);
    expect(manifest.settings).toMatchObject({ interactivity: { is_enabled: true }, event_subscriptions: { bot_events: ['app_home_opened', 'message.im'] } });
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    // The AP lead shares a spreadsheet in the bot's Messages tab, so it must take messages.
    expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });
});

describe('Socket Mode', () => {
  it('offers no HTTP route and, on start, asks Slack for a socket with the app token', async () => {
    const seen: string[] = [];
    nock('https://slack-socket.test')
      .post('/api/apps.connections.open')
      .reply(function () {
        seen.push(String(this.req.headers.authorization));
        return [200, { ok: false, error: 'invalid_auth' }];
      });
    const { log } = aLog();
    const adapter = createSlack({
      stores: await openJournalStores(),
      schools: [aSchool()],
      clock: { now: () => new Date() },
      log,
      registerLink: registerLinks,
      demo: false,
      slack: { signingSecret: 'secret', botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: 'https://slack-socket.test/api', retries: 0 },
    });
    expect(adapter.routes).toEqual({});
    await expect(adapter.start!()).rejects.toThrow();
    expect(seen).toEqual(['Bearer xapp-test']);
    await adapter.stop!().catch(() => undefined);
  });
});

describe('the safeguarding loop over Slack', () => {
  const absent = { start: '2026-02-06', history: [{ type: 'attendance', on: '2026-02-06', session: 'pm', mark: 'absent_unauthorised' }] };

  it('an absence followed up with no contact reaches the DSL at once, stays open, and is on the DSL’s due list, marked', async () => {
    await workspace({ placements: [absent] });
    const { decide } = await import('../../../src/app/decide.ts');
    const { actorFor } = await import('../../../src/core/decisions/decision.ts');
    await decide(ws.stores, {
      school: ws.school,
      actor: actorFor(ws.school, 's-attendance')!,
      decision: 'recordAbsenceFollowUp',
      placementId: 'P-001',
      input: { absenceOn: '2026-02-06', session: 'pm', on: '2026-02-09', contacted: 'mother', method: 'phone', outcome: 'no_contact', nextStep: 'home_visit' },
      idempotencyKey: 'slack:no-contact:s-attendance',
      now: new Date(MONDAY_MORNING),
    });
    await deliverOutbox();
    const alert = await until(() => ws.slack.sent('chat.postMessage').find((m) => said(m).includes('Absence to follow up')), 'the DSL’s alert');
    expect(ws.slack.sent('conversations.open').map((c) => c.users)).toContain(DSL);
    expect(said(alert)).toContain('No contact');
    expect(said(alert)).toContain('recordAbsenceDecision');

    await ws.command(DSL, 'due');
    const due = said(await replyTo(ws));
    expect(due).toContain('JS · Y9-0412: Absence to follow up (Fri 6 Feb, afternoon)');
    expect(due).toContain('passed to you');
  });

  it('an empty QA visit from a card is refused over HTTP and nothing is recorded', async () => {
    await workspace();
    const res = await ws.submit(AP_LEAD, { callback_id: 'recordQaVisit', private_metadata: JSON.stringify({ actionId: 'recordQaVisit:P-001:qa_visit', placementId: 'P-001', version: 0, input: {} }) }, {});
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/give the date of the visit|say who visited/);
    expect((await ws.stores.placements.get(ws.school.id, 'P-001'))?.placement.history).toEqual([]);
  });

  it('keeps an empty QA visit modal open with each problem beside its field, and one about a field not shown named by its label', async () => {
    await workspace();
    const meta = JSON.stringify({ actionId: 'recordQaVisit:P-001:qa_visit', placementId: 'P-001', version: 0, input: {} });
    const blocks = ['visitedBy', 'checked', 'outcome', 'actions'].map((id) => ({ type: 'input', block_id: id, label: { type: 'plain_text', text: id }, element: { type: 'plain_text_input', action_id: 'value' } }));
    const res = await ws.submit(AP_LEAD, { callback_id: 'recordQaVisit', private_metadata: meta, blocks }, {});
    const { errors } = JSON.parse(res.text) as { errors: Record<string, string> };
    expect(errors['checked']).toBe('say what was checked');
    expect(errors['outcome']).toBe('give the outcome');
    // The date has no block in this modal: it is said beside the first field, as the form labels it.
    expect(errors['visitedBy']).toBe('Visited on: give the date of the visit; say who visited');
    expect(Object.values(errors).join('\n')).not.toMatch(/(^|; )(on|visitedBy|checked|outcome|actions):/m);
    expect((await ws.stores.placements.get(ws.school.id, 'P-001'))?.placement.history).toEqual([]);
  });

  it('new, then every check ticked on the checklist, then "Start the placement": the placement is active and its duties appear', async () => {
    await workspace();
    await submitThrough(ws, AP_LEAD, 'new', { kind: picked('off_site_ap'), 'pupil.ref': typed('Y10-0007'), 'pupil.initials': typed('KT'), start: dated('2026-02-09'), 'provider.name': typed('Hilltop Gym'), objectives: typed('Attend every session') });
    const [record] = await ws.stores.placements.list(ws.school.id, { pupilRef: 'Y10-0007' });
    const id = record!.placement.id;
    let card = await until(() => ws.slack.sent('chat.postMessage')[0], 'the checklist');
    expect(buttonsIn(card)).not.toContain('activatePlacement');
    for (let ticks = 0; buttonsIn(card).includes('tickChecklistItem'); ticks++) {
      expect(ticks).toBeLessThan(20);
      await ws.click(AP_LEAD, buttonOf(card, 'tickChecklistItem'));
      card = await until(() => ws.slack.sent('chat.update')[ticks], 'the checklist redrawn');
    }
    expect(said(card)).toContain('Start the placement');
    expect((await ws.stores.placements.get(ws.school.id, id))?.placement.status).toBe('proposed');
    await ws.click(AP_LEAD, buttonOf(card, 'activatePlacement'));
    const update = await until(() => ws.slack.sent('chat.update').find((u) => said(u).includes('started the placement')), 'the done card');
    expect(said(update)).toContain('Ms R Okafor started the placement');
    expect((await ws.stores.placements.get(ws.school.id, id))?.placement.status).toBe('active');
    await ws.command(AP_LEAD, 'status Y10-0007');
    const status = said(await replyTo(ws));
    expect(status).toContain('Active');
    expect(status).not.toContain('Nothing is due');
  });

  it("the headteacher's due includes what is escalated to them, marked as passed to them", async () => {
    // At the provider since September with no QA visit: long late, so it is the headteacher's too.
    await workspace({ placements: [{ start: '2025-09-08' }] });
    await ws.command(HEAD, 'due');
    const due = said(await replyTo(ws));
    expect(due).not.toContain('Nothing needs you');
    expect(due).toContain('passed to you');
  });

  it('refuses a new placement for a pupil with one open, naming it, and status <ref> lists every placement of the pupil', async () => {
    await workspace({ placements: [{ id: 'P-000', status: 'ended', start: '2025-09-08', end: '2025-12-19' }, {}] });
    const res = await submitThrough(ws, AP_LEAD, 'new', { kind: picked('on_site_ap'), 'pupil.ref': typed('y9-0412'), 'pupil.initials': typed('JS'), start: dated('2026-03-02') });
    expect(res.text).toContain('JS · Y9-0412 already has an open placement (active since Mon 5 Jan)');
    expect(res.text).not.toContain('P-001');
    expect(await ws.stores.placements.list(ws.school.id, { pupilRef: 'Y9-0412' })).toHaveLength(2);
    await ws.command(AP_LEAD, 'status Y9-0412');
    const status = said(await replyTo(ws));
    expect(status).toContain('P-000: ');
    expect(status).toContain('P-001: ');
  });
});
