/** Where botbuilder checks tokens: what that code prints is dropped. */
const TOKEN_CHECK_CODE = /[\\/]botframework-connector[\\/]lib[\\/]auth[\\/]/;

let installed: typeof console.error | undefined;

/**
 * Runs a Bot Framework token check with botbuilder's own console output silenced: it prints every
 * refused token to stderr (an expired token's stack, or the signing keys), once per request, so a
 * stream of forged requests would flood the log. The route logs one warning line instead. Only
 * console calls made by botbuilder's token-checking code are dropped (told by the caller's stack,
 * read only when something prints), so other turns still print as before. No async context is
 * kept for it: on Node 20 that would slow every promise in the process.
 */
export function quietly<T>(check: () => Promise<T>): Promise<T> {
  // Installed again if something (a test's spy) replaced it since, so the check stays quiet.
  if (console.error !== installed) {
    const previous = console.error;
    installed = (...args: unknown[]) => (TOKEN_CHECK_CODE.test(new Error().stack ?? '') ? undefined : previous.apply(console, args));
    console.error = installed;
  }
  return check();
}
