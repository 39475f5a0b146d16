import type { types } from '@slack/bolt';
import type { PupilLabel, ViewAction } from '../../../views/viewModel.ts';
import { inputBlocks } from './modalInputs.ts';
import { modal } from './modal.ts';
import { context, escape } from './parts.ts';

/**
 * A button whose action asks for a little more (snooze: until and why; decline: why; reassign:
 * to whom) opens this modal; the adapter finds the action on the card by its `actionId`.
 */
export function actionModal(action: ViewAction, pupil: PupilLabel, about: string): types.ModalView {
  return modal(action.verb, action.payload, action.title, action.submitTitle, [context(`*${escape(pupil.label)}* · ${escape(about)}`), ...inputBlocks(action.fields)]);
}
