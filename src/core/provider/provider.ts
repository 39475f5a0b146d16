import { z } from 'zod';
import { maxDate } from '../calendar/localDate.ts';
import type { HistoryEvent } from '../placement/events.ts';
import { localDate } from '../validation.ts';
import { byCodeUnits } from '../byCodeUnits.ts';
import { sortInPlace } from '../sortInPlace.ts';

export const providerDocumentSchema = z.object({ type: z.string().min(1), expires: localDate });

export const providerContactSchema = z.looseObject({
  name: z.string().min(1),
  role: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
});

/**
 * A provider of alternative provision, shared by every placement there: its checks (risk
 * assessment, documents that expire) are facts about the provider, not about any one pupil
 * (000 §7.8-7.9, 002 App E).
 */
export const providerSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  contacts: z.array(providerContactSchema).default([]),
  ofstedRegistered: z.boolean().default(false),
  /** The Ofsted unique reference number of a registered provider. */
  urn: z.string().regex(/^\d{6,8}$/, { message: 'is not an Ofsted URN (6 to 8 digits)' }).optional(),
  riskAssessmentOn: localDate.optional(),
  documents: z.array(providerDocumentSchema).default([]),
});
export type Provider = z.output<typeof providerSchema>;

const latestDate = (a: string | undefined, b: string | undefined) => (a && b ? maxDate(a, b) : (a ?? b));

/**
 * Two accounts of one provider as one record: the latest expiry of each document and the latest
 * risk assessment from either; the newer account's name, and its contacts and URN where it gives
 * any. An account that leaves registration out (most embedded copies) never unregisters it.
 */
export function mergeProvider(older: Provider, newer: Provider): Provider {
  const documents = sortInPlace(latestDocuments([older.documents, newer.documents]), (a, b) => byCodeUnits(a.type, b.type));
  // Field by field after one copy (no spread of parts that may be empty): every placement a sweep
  // looks at has its provider merged with the provider's record.
  const merged: Provider = { ...older, ...newer };
  merged.contacts = newer.contacts.length > 0 ? newer.contacts : older.contacts;
  merged.ofstedRegistered = older.ofstedRegistered || newer.ofstedRegistered;
  const urn = newer.urn ?? older.urn;
  if (urn) merged.urn = urn;
  const riskAssessmentOn = latestDate(older.riskAssessmentOn, newer.riskAssessmentOn);
  if (riskAssessmentOn) merged.riskAssessmentOn = riskAssessmentOn;
  merged.documents = documents;
  return merged;
}

type ProviderDocument = Provider['documents'][number];

/** One of each type of document in the lists, with the latest expiry given for it, in the order first given. */
export function latestDocuments(lists: readonly (readonly ProviderDocument[])[]): ProviderDocument[] {
  const documents: ProviderDocument[] = [];
  for (const list of lists)
    // By index: a stored provider is frozen, and V8 makes an iterator of a frozen array the slow way.
    for (let i = 0; i < list.length; i++) {
      const { type, expires } = list[i] as ProviderDocument;
      const at = documents.findIndex((d) => d.type === type);
      if (at === -1) documents.push({ type, expires });
      else if (expires > (documents[at] as ProviderDocument).expires) documents[at] = { type, expires };
    }
  return documents;
}

/** The provider with the checks recorded in a placement's history (a renewed document, a risk assessment) taken in. */
export function withRecordedChecks(provider: Provider, history: readonly HistoryEvent[]): Provider {
  const documents = history.flatMap((e) => (e.type === 'provider_document' ? [{ type: e.documentType, expires: e.expires }] : []));
  const assessed = history.flatMap((e) => (e.type === 'provider_risk_assessment' ? [e.on] : [])).sort().at(-1);
  return mergeProvider(provider, { ...provider, documents, ...(assessed ? { riskAssessmentOn: assessed } : {}) });
}

type WithProvider = { provider?: Provider | undefined; history: readonly HistoryEvent[] };

/**
 * Placements that each carry an account of their provider (a placements file), each given the one
 * record of it: the accounts merged by id in the order given, with the checks recorded on any of them.
 */
export function withSharedProviders<P extends WithProvider>(placements: readonly P[]): P[] {
  const records = new Map<string, Provider>();
  for (const { provider, history } of placements) {
    if (!provider) continue;
    const known = records.get(provider.id);
    records.set(provider.id, withRecordedChecks(known ? mergeProvider(known, provider) : provider, history));
  }
  return placements.map((p) => (p.provider ? { ...p, provider: records.get(p.provider.id) } : p));
}
