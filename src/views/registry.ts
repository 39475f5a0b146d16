import { DECISIONS, type DecisionName } from '../core/decisions/index.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import type { Placement } from '../core/placement/placement.ts';
import { actingRole, type Action } from '../core/permissions.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { concernForm } from './concernForm.ts';
import { endPlacementForm } from './endPlacementForm.ts';
import type { FormCard, FormView } from './formView.ts';
import { newPlacementForm, timetableProposalForm } from './newPlacementForm.ts';
import { reviewForm } from './reviewForm.ts';
import type { Viewer } from './viewModel.ts';

/**
 * The verbs a card can send back that are not decisions: they ask for another card. Every other
 * verb is a decision's name (src/core/decisions).
 *
 * - `openReviewForm`, `openConcernForm`, `openEndPlacementForm`: show that form for the placement.
 * - `showReminder`: show the full reminder for one obligation (`input.obligation`), from a digest.
 * - `showPlacement`: show the placement summary (`/ap status <ref>`).
 * - `showMore`: the next page of a list (`input.offset`, `input.list`).
 * - `refreshCard`: Teams asks for the card as it stands now (the card's `refresh` action).
 * - `importSpreadsheet`, `cancelImport`: import, or drop, the spreadsheet a dry run holds (`input.key`);
 *   the card that answers says what came of it.
 */
export const VIEW_VERBS = ['openReviewForm', 'openConcernForm', 'openEndPlacementForm', 'showReminder', 'showPlacement', 'showMore', 'refreshCard', 'importSpreadsheet', 'cancelImport'] as const;
export type ViewVerb = (typeof VIEW_VERBS)[number];
export type Verb = DecisionName | ViewVerb;

export function isViewVerb(verb: string): verb is ViewVerb {
  return (VIEW_VERBS as readonly string[]).includes(verb);
}

export function isVerb(verb: string): verb is Verb {
  return isViewVerb(verb) || DECISIONS.has(verb);
}

type FormBuilder = (placement: Placement | null, school: School, now: Date, viewer: Viewer, cardId: string) => FormView;
const aboutAPlacement =
  (build: (placement: Placement, school: School, now: Date, viewer: Viewer, cardId: string) => FormView): FormBuilder =>
  (placement, school, now, viewer, cardId) => {
    if (!placement) throw new AppError(ErrorCode.NotFound, 'Which placement? Say "status" to find it.');
    return build(placement, school, now, viewer, cardId);
  };

/** Every form, by its card: the decision it records and how it is drawn. */
export const FORMS: Readonly<Record<FormCard, { decision: DecisionName; needsPlacement: boolean; build: FormBuilder }>> = {
  reviewForm: { decision: 'recordReview', needsPlacement: true, build: aboutAPlacement(reviewForm) },
  concernForm: { decision: 'logConcern', needsPlacement: true, build: aboutAPlacement(concernForm) },
  endPlacementForm: { decision: 'endPlacement', needsPlacement: true, build: aboutAPlacement(endPlacementForm) },
  newPlacementForm: { decision: 'commissionPlacement', needsPlacement: false, build: (_p, school, now, viewer, cardId) => newPlacementForm(school, now, viewer, cardId) },
  timetableProposalForm: { decision: 'proposePartTimeTimetable', needsPlacement: false, build: (_p, school, now, viewer, cardId) => timetableProposalForm(school, now, viewer, cardId) },
};

export interface ActionEntry {
  /** The decision the verb records, itself or the one behind the form it opens; null for one that only shows. */
  decision: DecisionName | null;
  /** The form the decision is made through (opened by the verb, or sent back refilled when refused). */
  form: FormCard | null;
  /** What the person must be allowed to do before anything is shown; null when the card is theirs alone (their list, a refresh). */
  permission: Action | null;
}

const FORM_OF_DECISION = new Map(Object.entries(FORMS).map(([card, f]) => [f.decision, card as FormCard]));

const VIEW_ACTIONS: Readonly<Record<ViewVerb, ActionEntry>> = {
  openReviewForm: { decision: 'recordReview', form: 'reviewForm', permission: 'recordReview' },
  openConcernForm: { decision: 'logConcern', form: 'concernForm', permission: 'logConcern' },
  openEndPlacementForm: { decision: 'endPlacement', form: 'endPlacementForm', permission: 'endPlacement' },
  showReminder: { decision: null, form: null, permission: 'readPlacement' },
  showPlacement: { decision: null, form: null, permission: 'readPlacement' },
  // The list of placements is for those who may read them; one's own due list is for anyone.
  showMore: { decision: null, form: null, permission: null },
  refreshCard: { decision: null, form: null, permission: null },
  // Importing placements is setting them up, so it needs the right to commission one.
  importSpreadsheet: { decision: null, form: null, permission: 'commissionPlacement' },
  cancelImport: { decision: null, form: null, permission: 'commissionPlacement' },
};

/** The one registry both chats and the CLI read: for each verb, the decision, the form and the permission. */
export function actionEntry(verb: Verb): ActionEntry {
  if (isViewVerb(verb)) return VIEW_ACTIONS[verb];
  return { decision: verb, form: FORM_OF_DECISION.get(verb) ?? null, permission: verb };
}

/** The form a decision is made through, if it has one of its own. */
export function formOfDecision(decision: DecisionName): FormCard | null {
  return FORM_OF_DECISION.get(decision) ?? null;
}

/** Whether the viewer may press a button with this verb (a form is refused before it is filled in). */
export function mayDo(viewer: Viewer, verb: Verb, school: School): boolean {
  const { permission } = actionEntry(verb);
  return permission === null || actingRole(viewer.roles, permission, school.config.permissions) !== null;
}
