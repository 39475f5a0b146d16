import type { types } from '@slack/bolt';
import type { ActionPayload } from '../../../views/viewModel.ts';
import type { Verb } from '../../../views/registry.ts';
import { BlockKitLimitError, clip, SLACK_LIMITS } from './limits.ts';
import type { KnownBlock } from './parts.ts';

/**
 * A modal that records one decision: `callback_id` is the decision's name, `private_metadata` the
 * action's payload (placement, version, fixed input) as JSON.
 */
export function modal(verb: Verb, payload: ActionPayload, title: string, submit: string, blocks: KnownBlock[]): types.ModalView {
  const metadata = JSON.stringify(payload);
  if (metadata.length > SLACK_LIMITS.privateMetadata) throw new BlockKitLimitError(`The ${verb} modal's metadata is ${metadata.length} characters.`);
  if (blocks.length > SLACK_LIMITS.modalBlocks) throw new BlockKitLimitError(`The ${verb} modal has ${blocks.length} blocks; Slack takes ${SLACK_LIMITS.modalBlocks}.`);
  return {
    type: 'modal',
    callback_id: verb,
    private_metadata: metadata,
    title: { type: 'plain_text', text: clip(title, SLACK_LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: clip(submit, SLACK_LIMITS.modalButton) },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
