import type { ApprovalRequestView } from './approvalRequest.ts';
import type { ConcernAlertView } from './concernAlert.ts';
import type { DigestView } from './digest.ts';
import type { DoneView } from './done.ts';
import type { ErrorView } from './error.ts';
import type { FormView } from './formView.ts';
import type { PlacementSummaryView } from './placementSummary.ts';
import type { ReminderView } from './reminder.ts';
import type { TeamOverviewView } from './teamOverview.ts';

/** Every card the bot sends; `card` names its template (cards/<card>.json) and its Block Kit renderer. */
export type CardView = ReminderView | DigestView | ApprovalRequestView | FormView | ConcernAlertView | PlacementSummaryView | DoneView | ErrorView | TeamOverviewView;
export type CardName = CardView['card'];
