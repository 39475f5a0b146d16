import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/ports/conversationStore.ts';
import { OTHER_SCHOOL, SCHOOL, at, type ContractFactory } from './factories.ts';

function aReference(conversationId = 'a:1-personal-chat') {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
    conversation: { id: conversationId, conversationType: 'personal', tenantId: '00000000-0000-0000-0000-0000000000001' },
    user: { id: '29:1abc', aadObjectId: '00000000-0000-0000-0000-0000000000020' },
    bot: { id: '28:bot', name: 'apbot' },
  };
}

/** The behaviour every ConversationStore adapter shares. */
export function conversationStoreContract(factory: ContractFactory<ConversationStore>): void {
  let conversations: ConversationStore;

  beforeEach(async () => {
    conversations = await factory.create();
  });
  afterEach(async () => {
    await factory.cleanup?.();
  });

  it('keeps where to find a member of staff and gives it back as given', async () => {
    const saved = await conversations.save(SCHOOL, 's-aplead', 'teams', aReference(), at('2026-02-09T08:00:00Z'));
    expect(saved).toEqual({ schoolId: SCHOOL, staffId: 's-aplead', platform: 'teams', reference: aReference(), savedAt: at('2026-02-09T08:00:00Z') });
    expect(await conversations.get(SCHOOL, 's-aplead', 'teams')).toEqual(saved);
    expect((await conversations.get(SCHOOL, 's-aplead', 'teams'))?.savedAt).toBeInstanceOf(Date);
  });

  it('takes the same install event again and again without complaint, keeping the first save', async () => {
    const first = await conversations.save(SCHOOL, 's-aplead', 'teams', aReference(), at('2026-02-09T08:00:00Z'));
    for (let i = 0; i < 3; i++) await conversations.save(SCHOOL, 's-aplead', 'teams', aReference(), at(`2026-02-09T08:0${i + 1}:00Z`));
    await Promise.all([1, 2, 3].map(() => conversations.save(SCHOOL, 's-aplead', 'teams', aReference(), at('2026-02-09T09:00:00Z'))));
    expect(await conversations.get(SCHOOL, 's-aplead', 'teams')).toEqual(first);
  });

  it('replaces the reference when the conversation changed', async () => {
    await conversations.save(SCHOOL, 's-aplead', 'teams', aReference(), at('2026-02-09T08:00:00Z'));
    await conversations.save(SCHOOL, 's-aplead', 'teams', aReference('a:2-reinstalled'), at('2026-02-10T08:00:00Z'));
    const got = await conversations.get(SCHOOL, 's-aplead', 'teams');
    expect(got?.reference).toEqual(aReference('a:2-reinstalled'));
    expect(got?.savedAt).toEqual(at('2026-02-10T08:00:00Z'));
  });

  it('keeps people, platforms and schools apart', async () => {
    await conversations.save(SCHOOL, 's-aplead', 'teams', aReference('teams-aplead'), at('2026-02-09T08:00:00Z'));
    await conversations.save(SCHOOL, 's-aplead', 'slack', { channel: 'D0APLEAD' }, at('2026-02-09T08:00:00Z'));
    await conversations.save(OTHER_SCHOOL, 's-aplead', 'teams', aReference('other-school'), at('2026-02-09T08:00:00Z'));
    expect((await conversations.get(SCHOOL, 's-aplead', 'teams'))?.reference).toEqual(aReference('teams-aplead'));
    expect((await conversations.get(SCHOOL, 's-aplead', 'slack'))?.reference).toEqual({ channel: 'D0APLEAD' });
    expect((await conversations.get(OTHER_SCHOOL, 's-aplead', 'teams'))?.reference).toEqual(aReference('other-school'));
    expect(await conversations.get(SCHOOL, 's-head', 'teams')).toBeUndefined();
  });

  it('keeps its own copy of when a conversation was saved', async () => {
    const when = at('2026-02-09T08:00:00Z');
    const saved = await conversations.save(SCHOOL, 's-aplead', 'teams', aReference(), when);
    when.setTime(0);
    expect(saved.savedAt).toEqual(at('2026-02-09T08:00:00Z'));
    saved.savedAt.setTime(1);
    expect((await conversations.get(SCHOOL, 's-aplead', 'teams'))?.savedAt).toEqual(at('2026-02-09T08:00:00Z'));
  });

  it('hands out copies', async () => {
    const reference = aReference();
    await conversations.save(SCHOOL, 's-aplead', 'teams', reference, at('2026-02-09T08:00:00Z'));
    reference.conversation.id = 'changed by the caller';
    const got = await conversations.get(SCHOOL, 's-aplead', 'teams');
    (got?.reference as { bot: { id: string } }).bot.id = 'changed too';
    expect(await conversations.get(SCHOOL, 's-aplead', 'teams')).toMatchObject({ reference: aReference() });
  });
}
