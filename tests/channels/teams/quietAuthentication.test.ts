import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { quietly } from '../../../src/adapters/teams/quietAuthentication.ts';

/** A module where botbuilder keeps its token checks, printing as they do when a token is refused. */
async function tokenCheckCode(): Promise<{ refuse: () => Promise<void> }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'apbot-quiet-')), 'node_modules', 'botframework-connector', 'lib', 'auth');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'jwtTokenExtractor.mjs');
  writeFileSync(file, "export async function refuse() { await null; console.error('Error finding key for token. Available keys: k1,k2'); }\n");
  return (await import(pathToFileURL(file).href)) as { refuse: () => Promise<void> };
}

afterEach(() => vi.restoreAllMocks());

describe("botbuilder's token check, run quietly", () => {
  it("drops what botbuilder's token code prints, and nothing else printed meanwhile", async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { refuse } = await tokenCheckCode();
    await Promise.all([
      quietly(async () => {
        await refuse();
        return 'refused';
      }),
      (async () => {
        await null;
        console.error('another turn went wrong');
      })(),
    ]);
    expect(printed.mock.calls).toEqual([['another turn went wrong']]);
  });
});
