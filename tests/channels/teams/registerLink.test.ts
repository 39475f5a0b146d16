import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLink } from '../../../src/app/signedLinks.ts';
import { LINK_SECRET, REGISTER_BASE } from '../../fixtures/registerLinks.ts';
import { aTeamsBot, isolateNetwork, resetNetwork, type TeamsBot } from './teamsHarness.ts';

let bot: TeamsBot;
beforeEach(async () => {
  isolateNetwork();
  bot = await aTeamsBot();
});
afterEach(async () => {
  await bot.close();
  resetNetwork();
});

type Attachment = { contentType: string; content: { title?: string; text?: string; buttons?: { type: string; title: string; value: string }[] } };
const attachmentsOf = (reply: unknown) => ((reply as { attachments?: Attachment[] } | undefined)?.attachments ?? []);

/** Who the link's button opens the register for, as the web page will check it. */
function openedBy(attachment: Attachment | undefined) {
  const button = attachment?.content.buttons?.[0];
  expect(button?.type).toBe('openUrl');
  const url = new URL(button?.value ?? '');
  expect(`${url.origin}${url.pathname}`).toBe(`${REGISTER_BASE}/register`);
  const { actor, school } = verifyLink(LINK_SECRET, url.searchParams.get('t'), [bot.school], new Date());
  return `${actor.staffId}@${school.id}`;
}

describe('the register from Teams', () => {
  it('answers register with a button that opens the register, signed for the person who asked', async () => {
    const [reply] = await bot.say('register');
    const [card] = attachmentsOf(reply);
    expect(card?.content.title).toBe('The AP register');
    expect(card?.content.text).toMatch(/works until \d\d:\d\d \(15 minutes\)/);
    expect(openedBy(card)).toBe('s-aplead@oakfield');
    expect(openedBy(attachmentsOf((await bot.say('register', 'dsl'))[0])[0])).toBe('s-dsl@oakfield');
  });

  it('puts the same button under status', async () => {
    const [reply] = await bot.say('status', 'head');
    const attachments = attachmentsOf(reply);
    expect(attachments).toHaveLength(2);
    expect(openedBy(attachments[1])).toBe('s-head@oakfield');
  });

  it("puts a link to the pupil's chronology under status <ref>", async () => {
    const [reply] = await bot.say('status Y9-0412');
    const chronology = attachmentsOf(reply)[1];
    expect(chronology?.content.title).toBe('Chronology: Y9-0412');
    const url = new URL(chronology?.content.buttons?.[0]?.value ?? '');
    expect(`${url.pathname}?ref=${url.searchParams.get('ref')}`).toBe('/register/pupil?ref=Y9-0412');
    expect(verifyLink(LINK_SECRET, url.searchParams.get('t'), [bot.school], new Date()).actor.staffId).toBe('s-aplead');
  });

  it('gives a teacher no link, and says who the register is for', async () => {
    const [reply] = await bot.say('register', 'teacher');
    expect(attachmentsOf(reply)).toEqual([]);
    expect((reply as { text?: string }).text).toContain('The register is for the staff who work with pupils in AP');
  });
});
