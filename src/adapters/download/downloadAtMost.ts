import { AppError, ErrorCode } from '../../core/errors.ts';

/** A chat's file server that has not answered in this time is not going to. */
const DOWNLOAD_TIMEOUT_MS = 20_000;

/**
 * A file sent in chat, fetched from where the chat keeps it, reading no more than one byte past
 * `maxBytes` (so a file that is too big is known without reading it all). Anything but the file
 * itself (an error status, a sign-in page instead of the file, no answer) is a refusal that says
 * so; the address is never quoted, as it may carry a token.
 */
export async function downloadAtMost(file: { name: string; url: string; headers?: Record<string, string> }, maxBytes: number, from: string): Promise<Uint8Array> {
  const failed = (why: string) => new AppError(ErrorCode.NotPossible, `I could not fetch ${file.name} from ${from} (${why}). Nothing was changed: send the file again in a minute.`);
  if (!file.url.startsWith('https://')) throw failed('it did not come with a secure address');
  let response: Response;
  try {
    response = await fetch(file.url, { headers: file.headers ?? {}, redirect: 'follow', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch {
    throw failed('no answer');
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw failed(`${from} answered ${response.status}`);
  }
  // A file the bot may not read comes back as a sign-in page with a 200.
  if (/^text\/html\b/i.test(response.headers.get('content-type') ?? '')) {
    await response.body?.cancel();
    throw failed(`${from} sent a web page instead of the file`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        break;
      }
    }
  }
  return new Uint8Array(Buffer.concat(chunks));
}
