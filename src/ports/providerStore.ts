import type { Provider } from '../core/provider/provider.ts';

/** A provider record as stored, with its school. */
export interface StoredProvider {
  schoolId: string;
  provider: Provider;
}

/** The providers a school places pupils with: one record per provider id, shared by its placements. */
export interface ProviderStore {
  /**
   * Adds a provider, or takes an account of it into the record with its id (`mergeProvider`: the
   * latest expiry of each document and risk assessment, the newer name and contacts). Returns the record.
   */
  merge(schoolId: string, provider: Provider): Promise<Provider>;
  get(schoolId: string, providerId: string): Promise<Provider | undefined>;
  /** A school's providers, by id. */
  list(schoolId: string): Promise<Provider[]>;
}
