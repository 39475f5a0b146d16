import { CHECKLIST_TITLES, requiredChecklist, tickedItems } from '../core/placement/checklist.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { placementAction } from './actions.ts';
import { kindName, pupilLabel } from './names.ts';
import { mayDo } from './registry.ts';
import type { CardBase, PupilLabel, ViewAction, Viewer } from './viewModel.ts';
import { dueWhen } from './when.ts';

export interface ChecklistLine {
  title: string;
  done: boolean;
  /** Ticks it; null once done, or for someone who may not tick it. */
  action: ViewAction | null;
}

/** What a newly commissioned placement still needs before it starts (000 §7), each check a button. */
export interface ChecklistView extends CardBase {
  card: 'checklist';
  pupil: PupilLabel;
  /** "Off-site alternative provision, starting Mon 2 Mar (in 12 school days)" */
  about: string;
  /** What just happened ("Commissioned the placement"), or empty. */
  headline: string;
  /** "3 of 10 done" */
  progress: string;
  items: ChecklistLine[];
}

export function checklist(placement: Placement, school: School, now: Date, viewer: Viewer, headline = ''): ChecklistView {
  const ticked = tickedItems(placement);
  const required = requiredChecklist(placement);
  const mayTick = mayDo(viewer, 'tickChecklistItem', school);
  const items = required.map((item): ChecklistLine => {
    const done = ticked.has(item);
    return {
      title: CHECKLIST_TITLES[item],
      done,
      action: done || !mayTick ? null : placementAction(placement, { verb: 'tickChecklistItem', title: 'Done', variant: item, input: { item } }),
    };
  });
  return {
    card: 'checklist',
    title: `Before ${pupilLabel(placement).label} starts`,
    pupil: pupilLabel(placement),
    about: `${kindName(placement.kind)}, starting ${dueWhen(placement.start, school, now)}`,
    headline,
    progress: `${items.filter((i) => i.done).length} of ${items.length} done`,
    items,
    placementId: placement.id,
    version: placement.version,
    participants: [viewer.staffId],
    actions: [],
  };
}
