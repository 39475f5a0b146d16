/** A chat platform the bot reaches people on. */
export type ChatPlatform = 'teams' | 'slack';

/**
 * What a platform needs to open a conversation again later (Teams: the conversation reference
 * from the install event). Opaque to the core; plain JSON so every store keeps it as given.
 */
export type ConversationReference = Readonly<Record<string, unknown>>;

export interface StoredConversation {
  schoolId: string;
  staffId: string;
  platform: ChatPlatform;
  reference: ConversationReference;
  savedAt: Date;
}

/** Where to find each member of staff for proactive messages: one conversation per person and platform. */
export interface ConversationStore {
  /**
   * Keeps the newest reference for this person on this platform. Saving the same reference again
   * (a client re-sending its install event) changes nothing and is not an error.
   */
  save(schoolId: string, staffId: string, platform: ChatPlatform, reference: ConversationReference, at: Date): Promise<StoredConversation>;
  get(schoolId: string, staffId: string, platform: ChatPlatform): Promise<StoredConversation | undefined>;
}
