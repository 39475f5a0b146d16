import { closeSync, openSync, readSync } from 'node:fs';

// A trust's journal or backup is larger than the longest string V8 can hold (512 MiB), so files
// are read in pieces of this many bytes, a line at a time.
export const READ_BYTES = 1 << 24;

const NEWLINE = 0x0a;

/** Each piece of the file in order; the buffer is read into again after each. */
export function* piecesOfFile(path: string, pieceBytes = READ_BYTES): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(pieceBytes);
    for (let read = readSync(fd, buffer, 0, pieceBytes, null); read > 0; read = readSync(fd, buffer, 0, pieceBytes, null)) yield buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Each newline-ended line of the file in order, read `pieceBytes` at a time (a line, or a
 * character, may span pieces); returns what follows the last newline, if anything does.
 */
export function* linesOfFile(path: string, pieceBytes = READ_BYTES): Generator<string, string | undefined> {
  let pending: Buffer[] = [];
  for (const piece of piecesOfFile(path, pieceBytes)) {
    let start = 0;
    for (let nl = piece.indexOf(NEWLINE); nl !== -1; nl = piece.indexOf(NEWLINE, start)) {
      const end = piece.subarray(start, nl);
      const line = (pending.length === 0 ? end : Buffer.concat([...pending, end])).toString('utf8');
      pending = [];
      start = nl + 1;
      yield line;
    }
    // The piece's buffer is read into again: keep a copy of the unfinished line.
    if (start < piece.length) pending.push(Buffer.from(piece.subarray(start)));
  }
  return pending.length > 0 ? Buffer.concat(pending).toString('utf8') : undefined;
}

/** How many newline-ended lines the file holds. */
export function countLines(path: string): number {
  let lines = 0;
  for (const piece of piecesOfFile(path)) for (let nl = piece.indexOf(NEWLINE); nl !== -1; nl = piece.indexOf(NEWLINE, nl + 1)) lines++;
  return lines;
}
