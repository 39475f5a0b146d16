import { z } from 'zod';
import type { HistoryEventType } from '../placement/events.ts';
import type { Placement, PlacementKind } from '../placement/placement.ts';
import type { Action } from '../permissions.ts';
import { localDate } from '../validation.ts';
import { defineDecision, doneOn, openPlacement, refuse, withEvent } from './decision.ts';

const note = z.string().trim().max(2000).optional();

interface RecordedEvent<S extends z.ZodRawShape> {
  name: Action;
  event: HistoryEventType;
  /** Input fields besides `on` and `note`, copied onto the event. */
  fields: S;
  kinds?: readonly PlacementKind[];
  needsProvider?: boolean;
  /** "QA visit recorded" */
  says: string;
}

/** A decision that records one thing done on a date ("we visited the provider on …"). */
export function recordedEvent<S extends z.ZodRawShape>(spec: RecordedEvent<S>) {
  const input = z.strictObject({ on: localDate.optional(), note, ...spec.fields });
  return defineDecision({
    name: spec.name,
    target: 'existing',
    input,
    apply(current, values, ctx) {
      const placement: Placement = openPlacement(current);
      if (spec.kinds && !spec.kinds.includes(placement.kind)) refuse(`${spec.says} applies only to ${spec.kinds.join(', ').replaceAll('_', ' ')} placements.`);
      if (spec.needsProvider && !placement.provider) refuse(`This placement has no provider.`);
      const on = doneOn((values as { on?: string }).on, ctx);
      const event = { ...values, type: spec.event, on } as never;
      return { placement: withEvent(placement, ctx, event), summary: `${spec.says} on ${on} for placement ${placement.id}` };
    },
  });
}
