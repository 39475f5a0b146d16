import { actingRole } from '../core/permissions.ts';
import { CHECKLIST_TITLES, missingBeforeStart, requiredChecklist, tickedItems } from '../core/placement/checklist.ts';
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
  /** "Still to do before the start: …", or that it is ready to start. */
  blocking: string;
}

/**
 * Once nothing stands before the start, those who may start it get the button; with checks still
 * outstanding only the headteacher may, and only by giving the reason.
 */
function startActions(placement: Placement, school: School, viewer: Viewer, missing: readonly string[]): ViewAction[] {
  if (placement.status !== 'proposed' || placement.kind === 'part_time_timetable') return [];
  const role = actingRole(viewer.roles, 'activatePlacement', school.config.permissions);
  if (!role) return [];
  if (missing.length === 0) return [placementAction(placement, { verb: 'activatePlacement', title: 'Start the placement', style: 'positive' })];
  if (role !== 'headteacher') return [];
  return [
    placementAction(placement, {
      verb: 'activatePlacement',
      title: 'Start it anyway',
      variant: 'anyway',
      fields: [{ id: 'reason', label: 'Why it must start before these are done', kind: 'longText', required: true, maxLength: 1000, errorMessage: 'Give the reason' }],
      submitTitle: 'Start the placement',
    }),
  ];
}

export function checklist(placement: Placement, school: School, now: Date, viewer: Viewer, headline = ''): ChecklistView {
  const ticked = tickedItems(placement);
  const missing = missingBeforeStart(placement);
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
    blocking: missing.length > 0 ? `Still to do before the start: ${missing.join('; ')}.` : 'Everything is done: it is ready to start.',
    placementId: placement.id,
    version: placement.version,
    participants: [viewer.staffId],
    actions: startActions(placement, school, viewer, missing),
  };
}
