import { fileURLToPath } from 'node:url';

/**
 * A file shipped beside the code (`cards/`, `examples/`), by its path from the package's root.
 * This module sits one folder below the root whether it runs as TypeScript (`src/`) or inside the
 * compiled bundle (`dist/`), so one relative step finds the root in both.
 */
export const packageFile = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));
