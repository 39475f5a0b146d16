import { describe } from 'vitest';
import type { Stores } from '../../src/ports/stores.ts';
import { attendanceStoreContract } from './attendanceStore.contract.ts';
import { auditLogContract } from './auditLog.contract.ts';
import { conversationStoreContract } from './conversationStore.contract.ts';
import type { ContractFactory } from './factories.ts';
import { nudgeOutboxContract } from './nudgeOutbox.contract.ts';
import { placementStoreContract } from './placementStore.contract.ts';
import { providerStoreContract } from './providerStore.contract.ts';
import { schoolStoreContract } from './schoolStore.contract.ts';
import { storeBackupContract } from './storeBackup.contract.ts';

/** Runs every port's contract against one backend, each test on fresh stores from `open`. */
export function allStoreContracts(open: () => Promise<Stores>, destroy: (stores: Stores) => Promise<void> = (s) => s.close()): void {
  let opened: Stores[] = [];
  const factory = <T>(pick: (stores: Stores) => T): ContractFactory<T> => ({
    async create() {
      const stores = await open();
      opened.push(stores);
      return pick(stores);
    },
    async cleanup() {
      const closing = opened;
      opened = [];
      await Promise.all(closing.map(destroy));
    },
  });

  describe('PlacementStore', () => placementStoreContract(factory(({ placements, audit }) => ({ placements, audit }))));
  describe('AuditLog', () => auditLogContract(factory((s) => s.audit)));
  describe('NudgeOutbox', () => nudgeOutboxContract(factory((s) => s.outbox)));
  describe('AttendanceStore', () => attendanceStoreContract(factory(({ attendance, audit }) => ({ attendance, audit }))));
  describe('SchoolStore', () => schoolStoreContract(factory((s) => s.schools)));
  describe('ConversationStore', () => conversationStoreContract(factory((s) => s.conversations)));
  describe('ProviderStore', () => providerStoreContract(factory((s) => s.providers)));
  describe('StoreBackup', () => storeBackupContract(factory((s) => s)));
}
