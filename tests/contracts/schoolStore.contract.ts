import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SchoolStore } from '../../src/ports/schoolStore.ts';
import { aSchoolConfig, at, type ContractFactory } from './factories.ts';

/** The behaviour every SchoolStore adapter shares. */
export function schoolStoreContract(factory: ContractFactory<SchoolStore>): void {
  let schools: SchoolStore;

  beforeEach(async () => {
    schools = await factory.create();
  });
  afterEach(async () => {
    await factory.cleanup?.();
  });

  it('saves the first config as version 1 and reads it back as given', async () => {
    const config = aSchoolConfig();
    const saved = await schools.save('oakfield', config, at('2025-09-01T08:00:00Z'));
    expect(saved).toEqual({ schoolId: 'oakfield', version: 1, config, savedAt: at('2025-09-01T08:00:00Z') });
    expect(await schools.get('oakfield')).toEqual(saved);
    expect((await schools.get('oakfield'))?.savedAt).toBeInstanceOf(Date);
  });

  it('keeps the version when the same config is saved again, and adds one when it changed', async () => {
    const first = await schools.save('oakfield', aSchoolConfig(), at('2025-09-01T08:00:00Z'));
    expect(await schools.save('oakfield', aSchoolConfig(), at('2025-09-02T08:00:00Z'))).toEqual(first);
    const changed = await schools.save('oakfield', aSchoolConfig('Oakfield Academy', 15), at('2025-09-03T08:00:00Z'));
    expect(changed).toMatchObject({ version: 2, savedAt: at('2025-09-03T08:00:00Z') });
    expect(changed.config.policy.reviewRequestSchoolDays).toBe(15);
    // Back to the first config: a change from the latest, so a new version.
    expect((await schools.save('oakfield', aSchoolConfig(), at('2025-09-04T08:00:00Z'))).version).toBe(3);
    expect((await schools.versions('oakfield')).map((s) => [s.version, s.config.policy.reviewRequestSchoolDays])).toEqual([[1, 10], [2, 15], [3, 10]]);
    expect((await schools.get('oakfield'))?.version).toBe(3);
  });

  it('lists the latest version of every school by id', async () => {
    await schools.save('oakfield', aSchoolConfig(), at('2025-09-01T08:00:00Z'));
    await schools.save('elmbridge', aSchoolConfig('Elmbridge School'), at('2025-09-01T08:00:00Z'));
    await schools.save('oakfield', aSchoolConfig('Oakfield Academy', 12), at('2025-09-02T08:00:00Z'));
    expect((await schools.list()).map((s) => [s.schoolId, s.version])).toEqual([['elmbridge', 1], ['oakfield', 2]]);
  });

  it('knows nothing of a school never saved', async () => {
    expect(await schools.get('nowhere')).toBeUndefined();
    expect(await schools.versions('nowhere')).toEqual([]);
    expect(await schools.list()).toEqual([]);
  });

  it('keeps its own copy of when a version was saved', async () => {
    const when = at('2025-09-01T08:00:00Z');
    const saved = await schools.save('oakfield', aSchoolConfig(), when);
    when.setTime(0);
    expect(saved.savedAt).toEqual(at('2025-09-01T08:00:00Z'));
    saved.savedAt.setTime(1);
    expect((await schools.get('oakfield'))?.savedAt).toEqual(at('2025-09-01T08:00:00Z'));
    expect((await schools.save('oakfield', aSchoolConfig(), at('2025-09-02T08:00:00Z'))).savedAt).toEqual(at('2025-09-01T08:00:00Z'));
  });

  it('hands out copies', async () => {
    const config = aSchoolConfig();
    await schools.save('oakfield', config, at('2025-09-01T08:00:00Z'));
    config.school.name = 'Changed by the caller';
    const got = await schools.get('oakfield');
    if (got) got.config.policy.digestThreshold = 99;
    const again = await schools.get('oakfield');
    expect(again?.config.school.name).toBe('Oakfield Academy');
    expect(again?.config.policy.digestThreshold).toBe(3);
  });
}
