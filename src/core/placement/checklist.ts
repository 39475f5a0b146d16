import type { ChecklistItem, HistoryEventType } from './events.ts';
import type { Placement, PlacementKind } from './placement.ts';

const OFF_SITE: readonly PlacementKind[] = ['off_site_ap', 'off_site_direction', 'suspension_provision'];
const WITH_PROVIDER: readonly PlacementKind[] = ['off_site_ap', 'off_site_direction'];
const WITH_LEARNING_PLAN: readonly PlacementKind[] = ['off_site_ap', 'on_site_ap', 'off_site_direction', 'suspension_provision'];

/** The pre-placement checks a placement needs before it starts (000 §7, 002 §4-5). */
export function requiredChecklist(placement: Placement): ChecklistItem[] {
  const { kind, pupil } = placement;
  const items: ChecklistItem[] = [];
  if (WITH_PROVIDER.includes(kind) || placement.provider)
    items.push('provider_registration_checked', 'provider_safeguarding_confirmed', 'provider_risk_assessment', 'written_agreement');
  items.push('pupil_risk_assessment');
  if (WITH_LEARNING_PLAN.includes(kind)) items.push('learning_plan');
  items.push('parents_consulted');
  if (WITH_PROVIDER.includes(kind)) items.push('la_informed');
  if (pupil.lookedAfter) items.push('virtual_school_head_informed');
  if (pupil.socialWorker) items.push('social_worker_informed');
  if (pupil.ehcp) items.push('sen_officer_informed');
  if (pupil.freeSchoolMeals && OFF_SITE.includes(kind)) items.push('free_school_meals_arranged');
  if (WITH_PROVIDER.includes(kind)) items.push('transport_arranged');
  return items;
}

/** Each check as staff say it, on the checklist and in what still stands before the start. */
export const CHECKLIST_TITLES: Readonly<Record<ChecklistItem, string>> = {
  provider_registration_checked: 'Provider’s registration checked',
  provider_safeguarding_confirmed: 'Provider’s safeguarding arrangements confirmed',
  provider_risk_assessment: 'Provider’s risk assessment seen',
  pupil_risk_assessment: 'Pupil’s risk assessment done',
  written_agreement: 'Written agreement with the provider signed',
  learning_plan: 'Learning plan agreed',
  parents_consulted: 'Parents or carers consulted',
  la_informed: 'Local authority told',
  virtual_school_head_informed: 'Virtual school head told',
  social_worker_informed: 'Social worker told',
  sen_officer_informed: 'SEN officer told',
  free_school_meals_arranged: 'Free school meals arranged',
  transport_arranged: 'Transport arranged',
};

/** Ticking these also records the thing itself, so the obligations it satisfies close. */
export const CHECKLIST_RECORDS: Partial<Record<ChecklistItem, HistoryEventType>> = {
  pupil_risk_assessment: 'risk_assessment',
  provider_risk_assessment: 'provider_risk_assessment',
  la_informed: 'la_informed',
};

export function tickedItems(placement: Placement): Set<ChecklistItem> {
  return new Set(placement.history.flatMap((e) => (e.type === 'checklist_item' ? [e.item] : [])));
}

/** "Local authority told" as it reads inside a sentence; "SEN officer told" keeps its capitals. */
const midSentence = (title: string) => (/^[A-Z][A-Z]/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1));

/** What still stands between a proposed placement and its start, in plain words. */
export function missingBeforeStart(placement: Placement): string[] {
  const ticked = tickedItems(placement);
  const missing = requiredChecklist(placement)
    .filter((item) => !ticked.has(item))
    .map((item) => midSentence(CHECKLIST_TITLES[item]));
  const has = (type: HistoryEventType) => placement.history.some((e) => e.type === type);
  if (placement.kind === 'off_site_direction') {
    if (!has('governor_approval')) missing.push('governing body approval');
    if (!has('parent_notice')) missing.push('written notice to parents');
  }
  if (placement.kind === 'suspension_provision' && !has('parent_notice')) missing.push('information to parents');
  return missing;
}
