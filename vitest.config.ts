import { defineConfig } from 'vitest/config';

/**
 * Two groups, one after the other: everything in-process first, then the end-to-end journeys, which
 * start the bot, Agents Playground and Chromium as real processes and get the machine to themselves.
 */
const E2E = 'tests/e2e/**/*.test.ts';

export default defineConfig({
  test: {
    reporters: ['default'],
    testTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'apbot', include: ['tests/**/*.test.ts'], exclude: [E2E], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'e2e', include: [E2E], sequence: { groupOrder: 1 } } },
    ],
  },
});
