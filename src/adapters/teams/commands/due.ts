import { dueFor } from '../../../app/queries.ts';
import { dueCard } from '../attachments.ts';
import type { Turn } from '../turn.ts';

/** `due`: what this person owns and has to do now, as the digest card. */
export async function due(turn: Turn): Promise<void> {
  const { school, actor } = turn.who;
  const items = await dueFor(turn.deps.stores, school, actor, turn.now);
  await turn.context.sendActivity({ attachments: [dueCard(items, school, turn.now, actor)] });
}
