import { z } from 'zod';
import { localDate } from '../validation.ts';
import { defineDecision, doneOn, openPlacement, refuse, withEvent } from './decision.ts';

/** 002 App E: a provider's insurance, training or certificate, with the date it runs out. */
export const recordProviderDocument = defineDecision({
  name: 'recordProviderDocument',
  target: 'existing',
  input: z.strictObject({ documentType: z.string().trim().regex(/^[a-z][a-z_]{1,40}$/, { message: 'use a short name like insurance' }), expires: localDate, on: localDate.optional() }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    if (!placement.provider) refuse(`This placement has no provider.`);
    const on = doneOn(input.on, ctx);
    if (input.expires <= on) refuse('expires: that document has already run out.');
    return {
      placement: withEvent(placement, ctx, { type: 'provider_document', on, documentType: input.documentType, expires: input.expires }),
      summary: `Provider document ${input.documentType} recorded, expiring ${input.expires}, for placement ${placement.id}`,
    };
  },
});
