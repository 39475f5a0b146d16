import type { CardView } from '../../../views/card.ts';
import { approvalRequestMessage } from './approvalRequestMessage.ts';
import { checklistMessage } from './checklistMessage.ts';
import { concernAlertMessage } from './concernAlertMessage.ts';
import { digestMessage } from './digestMessage.ts';
import { doneMessage } from './doneMessage.ts';
import { errorMessage } from './errorMessage.ts';
import type { SlackMessage } from './parts.ts';
import { placementListMessage } from './placementListMessage.ts';
import { placementSummaryMessage } from './placementSummaryMessage.ts';
import { reminderMessage } from './reminderMessage.ts';
import { spreadsheetImportMessage } from './spreadsheetImportMessage.ts';
import { teamOverviewMessage } from './teamOverviewMessage.ts';
import type { FormView } from '../../../views/formView.ts';

/** Any card but a form as a Slack message; forms are modals (formModal). */
export function slackMessage(view: Exclude<CardView, FormView>): SlackMessage {
  switch (view.card) {
    case 'reminder':
      return reminderMessage(view);
    case 'digest':
      return digestMessage(view);
    case 'approvalRequest':
      return approvalRequestMessage(view);
    case 'concernAlert':
      return concernAlertMessage(view);
    case 'placementSummary':
      return placementSummaryMessage(view);
    case 'done':
      return doneMessage(view);
    case 'error':
      return errorMessage(view);
    case 'teamOverview':
      return teamOverviewMessage(view);
    case 'placementList':
      return placementListMessage(view);
    case 'checklist':
      return checklistMessage(view);
    case 'spreadsheetImport':
      return spreadsheetImportMessage(view);
  }
}
