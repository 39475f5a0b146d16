/** MongoDB's answer to a second write of a unique key (code 11000). Apart from the models, so the scheduler can ask without loading mongoose. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
}
