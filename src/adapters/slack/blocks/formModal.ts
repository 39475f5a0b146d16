import type { types } from '@slack/bolt';
import type { FormView } from '../../../views/formView.ts';
import { inputBlocks } from './modalInputs.ts';
import { modal } from './modal.ts';
import { context, escape } from './parts.ts';

/** The review, concern and end-placement forms as modals. */
export function formModal(view: FormView): types.ModalView {
  return modal(view.submit.verb, view.submit.payload, view.title, view.submit.title, [
    context(`*${escape(view.pupil.label)}* · ${escape(view.intro)}`),
    ...inputBlocks(view.fields),
  ]);
}
