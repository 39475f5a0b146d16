import { isDeepStrictEqual } from 'node:util';
import type { ChatPlatform, ConversationReference, ConversationStore, StoredConversation } from '../../../ports/conversationStore.ts';
import { plainCopy } from '../plainCopy.ts';
import { isDuplicateKeyError, type ConversationDoc, type Models } from './models.ts';

/** One document per school, staff member and platform, replaced when the reference changes. */
export class MongoConversationStore implements ConversationStore {
  readonly #models: Models;

  constructor(models: Models) {
    this.#models = models;
  }

  async save(schoolId: string, staffId: string, platform: ChatPlatform, reference: ConversationReference, at: Date): Promise<StoredConversation> {
    const candidate = plainCopy(reference);
    const current = await this.get(schoolId, staffId, platform);
    if (current && isDeepStrictEqual(current.reference, candidate)) return current;
    const saved: StoredConversation = { schoolId, staffId, platform, reference: candidate, savedAt: new Date(at) };
    const filter = { schoolId, staffId, platform };
    try {
      await this.#models.conversations.updateOne(filter, { $set: { reference: candidate, savedAt: saved.savedAt } }, { upsert: true });
    } catch (error) {
      // Two first saves racing to insert: the loser's update applies to the winner's document.
      if (!isDuplicateKeyError(error)) throw error;
      await this.#models.conversations.updateOne(filter, { $set: { reference: candidate, savedAt: saved.savedAt } });
    }
    return saved;
  }

  async get(schoolId: string, staffId: string, platform: ChatPlatform): Promise<StoredConversation | undefined> {
    const doc = await this.#models.conversations.findOne({ schoolId, staffId, platform }).lean();
    return doc ? toConversation(doc) : undefined;
  }
}

function toConversation(doc: ConversationDoc): StoredConversation {
  return { schoolId: doc.schoolId, staffId: doc.staffId, platform: doc.platform, reference: doc.reference, savedAt: doc.savedAt };
}
