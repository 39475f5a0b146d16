import type { SchoolConfig } from '../core/policy/schoolConfig.ts';

export interface StoredSchool {
  schoolId: string;
  /** 1 for the first config loaded; goes up each time a changed config is saved. */
  version: number;
  config: SchoolConfig;
  savedAt: Date;
}

export interface SchoolStore {
  /** Saves the config as a new version if it differs from the latest; returns the latest either way. */
  save(schoolId: string, config: SchoolConfig, at: Date): Promise<StoredSchool>;
  get(schoolId: string): Promise<StoredSchool | undefined>;
  /** The latest version of every school, by id. */
  list(): Promise<StoredSchool[]>;
  /** Every saved version of one school, oldest first. */
  versions(schoolId: string): Promise<StoredSchool[]>;
}
