import { z } from 'zod';
import { CHECKLIST_ITEMS } from '../placement/events.ts';
import { CHECKLIST_RECORDS, CHECKLIST_TITLES, requiredChecklist, tickedItems } from '../placement/checklist.ts';
import { localDate } from '../validation.ts';
import { defineDecision, doneOn, openPlacement, refuse, withEvent } from './decision.ts';

/** Ticks one pre-placement check; a check that is also a record (a risk assessment) records it too. */
export const tickChecklistItem = defineDecision({
  name: 'tickChecklistItem',
  target: 'existing',
  input: z.strictObject({ item: z.enum(CHECKLIST_ITEMS), on: localDate.optional(), note: z.string().trim().max(2000).optional() }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    const label = CHECKLIST_TITLES[input.item];
    if (!requiredChecklist(placement).includes(input.item)) refuse(`"${label}" is not on the checklist for this placement.`);
    if (tickedItems(placement).has(input.item)) refuse(`"${label}" is already ticked.`);
    const on = doneOn(input.on, ctx);
    let next = withEvent(placement, ctx, { type: 'checklist_item', item: input.item, on, ...(input.note ? { note: input.note } : {}) });
    const record = CHECKLIST_RECORDS[input.item];
    if (record) next = { ...withEvent(next, ctx, { type: record, on } as never), version: next.version };
    return { placement: next, summary: `Checklist: ${label} ticked for placement ${placement.id}` };
  },
});
