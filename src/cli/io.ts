/** Where the CLI writes; tests pass their own to read what it printed. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Prints how to call a command and returns the exit code for bad usage. */
  usage(text: string): number;
}

export const EXIT_BAD_INPUT = 2;

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  usage(text) {
    process.stderr.write(`usage: ${text}\n`);
    return EXIT_BAD_INPUT;
  },
};
