import type { ApprovalRequestView } from './approvalRequest.ts';
import type { ChecklistView } from './checklist.ts';
import type { ConcernAlertView } from './concernAlert.ts';
import type { DigestView } from './digest.ts';
import type { DoneView } from './done.ts';
import type { ErrorView } from './error.ts';
import type { ViewAction } from './viewModel.ts';
import type { FormView } from './formView.ts';
import type { PlacementListView } from './placementList.ts';
import type { PlacementSummaryView } from './placementSummary.ts';
import type { ReminderView } from './reminder.ts';
import type { SpreadsheetImportView } from './spreadsheetImport.ts';
import type { TeamOverviewView } from './teamOverview.ts';

/** Every card the bot sends; `card` names its template (cards/<card>.json) and its Block Kit renderer. */
export type CardView = ReminderView | DigestView | ApprovalRequestView | FormView | ConcernAlertView | PlacementSummaryView | DoneView | ErrorView | TeamOverviewView | PlacementListView | ChecklistView | SpreadsheetImportView;
export type CardName = CardView['card'];

/** Every action a card offers, wherever it sits: on the card, on each item of a list, or as "show more". */
export function actionsOfCard(view: CardView): ViewAction[] {
  switch (view.card) {
    case 'digest':
      return [...view.actions, ...view.items.flatMap((i) => i.actions), ...(view.more ? [view.more] : [])];
    case 'placementList':
      return [...view.actions, ...view.items.map((i) => i.open), ...(view.more ? [view.more] : [])];
    case 'checklist':
      return [...view.actions, ...view.items.flatMap((i) => (i.action ? [i.action] : []))];
    case 'placementSummary':
      return [...view.actions, ...view.due.flatMap((d) => (d.action ? [d.action] : [])), ...(view.dueMore ? [view.dueMore] : [])];
    default:
      return view.actions;
  }
}
