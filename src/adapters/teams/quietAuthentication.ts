import { AsyncLocalStorage } from 'node:async_hooks';

const checking = new AsyncLocalStorage<true>();
let installed: typeof console.error | undefined;

/**
 * Runs a Bot Framework token check with botbuilder's own console output silenced: it prints every
 * refused token to stderr (an expired token's stack, or the signing keys), once per request, so a
 * stream of forged requests would flood the log. The route logs one warning line instead. Only
 * console calls made inside this check are dropped, so concurrent turns still print as before.
 */
export function quietly<T>(check: () => Promise<T>): Promise<T> {
  // Installed again if something (a test's spy) replaced it since, so the check stays quiet.
  if (console.error !== installed) {
    const previous = console.error;
    installed = (...args: unknown[]) => (checking.getStore() ? undefined : previous.apply(console, args));
    console.error = installed;
  }
  return checking.run(true, check);
}
