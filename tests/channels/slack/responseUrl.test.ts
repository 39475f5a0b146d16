import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToResponseUrl, ResponseUrlError } from '../../../src/adapters/slack/responseUrl.ts';

const received: { path: string; type: string | undefined; body: unknown }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    received.push({ path: req.url ?? '', type: req.headers['content-type'], body: JSON.parse(body) });
    // Slack answers a response URL used too often, or too late, with an error status.
    res.writeHead(req.url?.includes('expired') ? 404 : 200).end('ok');
  });
});
let origin = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('answering through a response URL', () => {
  it('posts the answer once, as JSON, and resolves when Slack took it', async () => {
    await postToResponseUrl(`${origin}/commands/T1/1/x`, { response_type: 'ephemeral', text: 'Nothing is due.' });
    expect(received).toEqual([{ path: '/commands/T1/1/x', type: 'application/json', body: { response_type: 'ephemeral', text: 'Nothing is due.' } }]);
  });

  it('an expired response URL is an error the handler hears about, not a silent loss', async () => {
    await expect(postToResponseUrl(`${origin}/commands/T1/expired/x`, { text: 'late' })).rejects.toEqual(new ResponseUrlError(404));
  });
});
