import type { types } from '@slack/bolt';
import type { FormView } from '../../../views/formView.ts';
import { inputBlocks } from './modalInputs.ts';
import { modal } from './modal.ts';
import { context, escape } from './parts.ts';

/** Every form as a modal: Slack shows a refusal's problems beside the fields, so the modal stays as typed. */
export function formModal(view: FormView): types.ModalView {
  return modal(view.submit.verb, view.submit.payload, view.title, view.submit.title, [
    context(view.pupil ? `*${escape(view.pupil.label)}* · ${escape(view.intro)}` : escape(view.intro)),
    ...inputBlocks(view.fields),
  ]);
}
