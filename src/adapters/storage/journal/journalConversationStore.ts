import { isDeepStrictEqual } from 'node:util';
import type { ChatPlatform, ConversationReference, ConversationStore, StoredConversation } from '../../../ports/conversationStore.ts';
import { plainCopy } from '../plainCopy.ts';
import { keyOf, type JournalDatabase } from './journalDatabase.ts';

export class JournalConversationStore implements ConversationStore {
  readonly #db: JournalDatabase;

  constructor(db: JournalDatabase) {
    this.#db = db;
  }

  async save(schoolId: string, staffId: string, platform: ChatPlatform, reference: ConversationReference, at: Date): Promise<StoredConversation> {
    const current = this.#db.conversations.get(keyOf(schoolId, staffId, platform));
    const candidate = plainCopy(reference);
    // The same reference again (a re-sent install event) is not worth a journal line.
    if (current && isDeepStrictEqual(current.reference, candidate)) {
      const same = plainCopy(current);
      await this.#db.durable();
      return same;
    }
    const saved: StoredConversation = { schoolId, staffId, platform, reference: candidate, savedAt: new Date(at) };
    await this.#db.commit([{ kind: 'conversation', value: saved }]);
    return plainCopy(saved);
  }

  async get(schoolId: string, staffId: string, platform: ChatPlatform): Promise<StoredConversation | undefined> {
    const found = this.#db.conversations.get(keyOf(schoolId, staffId, platform));
    return found && plainCopy(found);
  }
}
