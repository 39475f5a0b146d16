import type { ReminderView } from '../../../views/reminder.ts';
import { actionBlocks, context, escape, factsSection, message, section, type SlackMessage } from './parts.ts';

export function reminderMessage(view: ReminderView): SlackMessage {
  const mark = view.late ? ':red_circle:' : ':large_blue_circle:';
  return message(`${view.title} for ${view.pupil.label}: ${view.stageLabel}, ${view.due}`, [
    context(`*${escape(view.pupil.label)}*`),
    section(`*${escape(view.title)}*\n${escape(view.ask)}\n${mark} *${escape(view.stageLabel)}* · ${escape(view.due)}`),
    ...factsSection(view.facts),
    ...actionBlocks(view.actions, `reminder:${view.placementId}:${view.obligation}`),
  ]);
}
