import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyLink } from '../../../src/app/signedLinks.ts';
import { LINK_SECRET, REGISTER_BASE } from '../../fixtures/registerLinks.ts';
import { AP_LEAD, aSlackWorkspace, DSL, HEAD, TEACHER, until, type Workspace } from './harness.ts';

let ws: Workspace;
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(async () => {
  await ws.close();
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

type Block = { type: string; text?: { text: string }; accessory?: { type: string; action_id: string; url?: string } };
const blocksOf = (message: Record<string, unknown> | undefined) => (message?.['blocks'] ?? []) as Block[];

/** The register buttons in a message or view, each as whom its signed link opens the register for. */
function registerButtons(message: Record<string, unknown> | undefined): string[] {
  return blocksOf(message)
    .flatMap((b) => (b.accessory?.action_id === 'openRegister' ? [b.accessory.url ?? ''] : []))
    .map((link) => {
      const url = new URL(link);
      expect(`${url.origin}${url.pathname}`).toBe(`${REGISTER_BASE}/register`);
      const { actor, school } = verifyLink(LINK_SECRET, url.searchParams.get('t'), [ws.school], new Date());
      return `${actor.staffId}@${school.id}`;
    });
}

describe('the register from Slack', () => {
  it('answers /ap register with a button that opens the register, signed for the person who asked', async () => {
    ws = await aSlackWorkspace();
    await ws.command(DSL, 'register');
    const reply = await until(() => ws.slack.responses[0]?.body, 'the reply');
    expect(registerButtons(reply)).toEqual(['s-dsl@oakfield']);
    expect(JSON.stringify(reply)).toMatch(/works until \d\d:\d\d \(15 minutes\)/);
  });

  it('puts the button under /ap status and at the top of App Home', async () => {
    ws = await aSlackWorkspace();
    await ws.command(AP_LEAD, 'status');
    expect(registerButtons(await until(() => ws.slack.responses[0]?.body, 'the reply'))).toEqual(['s-aplead@oakfield']);
    await ws.event({ type: 'app_home_opened', user: HEAD, channel: 'D0DM', tab: 'home' });
    const home = await until(() => ws.slack.sent('views.publish')[0], 'the home');
    const view = home['view'] as Record<string, unknown>;
    expect(registerButtons(view)).toEqual(['s-head@oakfield']);
    expect(blocksOf(view)[0]?.accessory?.action_id).toBe('openRegister');
  });

  it("puts a link to the pupil's chronology under /ap status <ref>", async () => {
    ws = await aSlackWorkspace();
    await ws.command(AP_LEAD, 'status Y9-0412');
    const reply = await until(() => ws.slack.responses[0]?.body, 'the reply');
    const url = blocksOf(reply).flatMap((b) => (b.accessory?.action_id === 'openRegister' ? [new URL(b.accessory.url ?? '')] : []))[0];
    expect(`${url?.pathname}?ref=${url?.searchParams.get('ref')}`).toBe('/register/pupil?ref=Y9-0412');
  });

  it('acknowledges a press of the button (Slack opens the link itself)', async () => {
    ws = await aSlackWorkspace();
    expect((await ws.click(AP_LEAD, { action_id: 'openRegister', value: '' })).status).toBe(200);
  });

  it('gives a teacher no link, on the command or on App Home', async () => {
    ws = await aSlackWorkspace();
    await ws.command(TEACHER, 'register');
    const reply = await until(() => ws.slack.responses[0]?.body, 'the reply');
    expect(registerButtons(reply)).toEqual([]);
    expect(JSON.stringify(reply)).toContain('The register is for the staff who work with pupils in AP');
    await ws.event({ type: 'app_home_opened', user: TEACHER, channel: 'D0DM', tab: 'home' });
    const home = await until(() => ws.slack.sent('views.publish')[0], 'the home');
    expect(registerButtons(home['view'] as Record<string, unknown>)).toEqual([]);
  });
});
