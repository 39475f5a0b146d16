import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs a script in a fresh Node process (as `npm start` runs the bot) and returns how it ended. */
async function run(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}

const ESCAPES = `
  setTimeout(() => { throw new TypeError("Cannot read properties of null (reading 'ssl_check') for Y9-0412 JS"); }, 10);
  setTimeout(() => void Promise.reject(new Error('rejected with Y9-0412 JS')), 20);
  setTimeout(() => { console.log('still serving'); process.exit(0); }, 200);
`;

describe('an error that escapes a request handler', () => {
  it('is logged with an incident id, without its message, and the process keeps serving', async () => {
    const { code, stdout } = await run(`
      import { createLogger } from './src/logger.ts';
      import { guardProcess } from './src/processGuard.ts';
      guardProcess(createLogger('info'));
      ${ESCAPES}`);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('still serving');
    const logged = lines.slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({ level: 50, kind: 'uncaught exception', error: 'TypeError', incident: expect.stringMatching(/^[0-9a-f]{8}$/), msg: 'an error escaped a request handler; still serving' }),
      expect.objectContaining({ level: 50, kind: 'unhandled rejection', error: 'Error', incident: expect.stringMatching(/^[0-9a-f]{8}$/) }),
    ]);
    expect(stdout).not.toContain('Y9-0412');
  });

  it('would stop the process without the guard (what the guard is for)', async () => {
    const { code, stdout } = await run(ESCAPES);
    expect(code).not.toBe(0);
    expect(stdout).not.toContain('still serving');
  });

});
