import { Types } from 'mongoose';
import { AppError, ErrorCode } from '../../../core/errors.ts';
import type { StoreBackup, StoreItem } from '../../../ports/storeBackup.ts';
import { SCHEMA_VERSION } from './migrate.ts';
import type { Models } from './models.ts';
import { toEntry as toAuditEntry } from './mongoAuditLog.ts';
import { toEntry as toOutboxEntry } from './mongoNudgeOutbox.ts';

const BATCH = 500;
const objectIdOf = (id: string) => (Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : new Types.ObjectId());

/** A store that may hold a decision whose audit entry is still pending (placements, attendance). */
interface SettlesAudits {
  completeAudits(schoolId: string): Promise<number>;
}

/**
 * MongoDB's backup: each collection read in a stable order, and written back in batches. A
 * decision and its audit entry are two writes here, so before anything is read every entry still
 * pending is appended to the log: a backup never holds a decision without its record.
 */
export class MongoStoreBackup implements StoreBackup {
  readonly #models: Models;
  readonly #settling: readonly SettlesAudits[];

  constructor(models: Models, settling: readonly SettlesAudits[]) {
    this.#models = models;
    this.#settling = settling;
  }

  async *items(): AsyncIterable<StoreItem> {
    const m = this.#models;
    const pending = new Set<string>([
      ...(await m.placements.distinct('schoolId', { 'pendingAudits.idempotencyKey': { $exists: true } })),
      ...(await m.attendance.distinct('schoolId', { pendingAudit: { $exists: true } })),
    ]);
    for (const schoolId of pending) for (const store of this.#settling) await store.completeAudits(schoolId);
    for await (const doc of m.placements.find().sort({ _id: 1 }).lean().cursor())
      yield { kind: 'placement', value: { record: { schoolId: doc.schoolId, placement: doc.placement, nextDueAt: doc.nextDueAt ?? null }, decisionKeys: doc.decisionKeys ?? [] } };
    for await (const doc of m.audit.find().sort({ schoolId: 1, seq: 1 }).lean().cursor()) yield { kind: 'audit', value: toAuditEntry(doc) };
    for await (const doc of m.outbox.find().sort({ createdAt: 1, _id: 1 }).lean().cursor()) yield { kind: 'outbox', value: toOutboxEntry(doc) };
    for await (const doc of m.attendance.find().sort({ schoolId: 1, placementId: 1, date: 1, session: 1 }).lean().cursor())
      yield { kind: 'attendance', value: { schoolId: doc.schoolId, placementId: doc.placementId, date: doc.date, session: doc.session, mark: doc.mark, by: doc.by, at: doc.at } };
    for await (const doc of m.schoolVersions.find().sort({ schoolId: 1, version: 1 }).lean().cursor())
      yield { kind: 'school', value: { schoolId: doc.schoolId, version: doc.version, config: doc.config, savedAt: doc.savedAt } };
    for await (const doc of m.conversations.find().sort({ schoolId: 1, staffId: 1, platform: 1 }).lean().cursor())
      yield { kind: 'conversation', value: { schoolId: doc.schoolId, staffId: doc.staffId, platform: doc.platform, reference: doc.reference, savedAt: doc.savedAt } };
    for await (const doc of m.providers.find().sort({ _id: 1 }).lean().cursor()) yield { kind: 'provider', value: { schoolId: doc.schoolId, provider: doc.provider } };
  }

  async restore(items: Iterable<StoreItem>): Promise<void> {
    const m = this.#models;
    const collections = [m.placements, m.audit, m.outbox, m.attendance, m.schoolVersions, m.conversations, m.providers] as const;
    for (const model of collections)
      if ((await (model as typeof m.placements).estimatedDocumentCount()) > 0)
        throw new AppError(ErrorCode.NotPossible, 'The store is not empty: restore a backup only into an empty database.');
    // Registers are made from the marks, and made again for those restored: none may outlive marks gone.
    await m.attendanceRegisters.deleteMany({});
    const docs: Record<StoreItem['kind'], unknown[]> = { placement: [], audit: [], outbox: [], attendance: [], school: [], conversation: [], provider: [] };
    const lastSeq = new Map<string, number>();
    const flush = async (kind: StoreItem['kind']) => {
      const batch = docs[kind];
      if (batch.length === 0) return;
      docs[kind] = [];
      const model = { placement: m.placements, audit: m.audit, outbox: m.outbox, attendance: m.attendance, school: m.schoolVersions, conversation: m.conversations, provider: m.providers }[kind];
      await (model as typeof m.placements).collection.insertMany(batch as never[], { ordered: true });
    };
    for (const item of items) {
      switch (item.kind) {
        case 'placement': {
          const { record, decisionKeys } = item.value;
          docs.placement.push({ _id: `${record.schoolId}:${record.placement.id}`, schoolId: record.schoolId, placement: record.placement, version: record.placement.version, nextDueAt: record.nextDueAt, decisionKeys, schemaVersion: SCHEMA_VERSION });
          break;
        }
        case 'audit': {
          const { id, ...entry } = item.value;
          docs.audit.push({ _id: objectIdOf(id), ...entry });
          lastSeq.set(entry.schoolId, Math.max(lastSeq.get(entry.schoolId) ?? 0, entry.seq));
          break;
        }
        case 'provider': {
          const { schoolId, provider } = item.value;
          docs.provider.push({ _id: `${schoolId}:${provider.id}`, schoolId, provider, version: 1 });
          break;
        }
        case 'outbox': {
          const { id, ...entry } = item.value;
          docs.outbox.push({ _id: objectIdOf(id), ...entry });
          break;
        }
        default:
          docs[item.kind].push({ ...item.value });
      }
      if (docs[item.kind].length >= BATCH) await flush(item.kind);
    }
    for (const kind of Object.keys(docs) as StoreItem['kind'][]) await flush(kind);
    for (const [schoolId, seq] of lastSeq) await m.counters.updateOne({ _id: schoolId }, { $set: { seq } }, { upsert: true });
  }
}
