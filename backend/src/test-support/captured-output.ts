/**
 * Everything this process writes to stdout and stderr (where Nest's logger writes) from `start()`
 * until `stop()`, passed through as usual.
 */
export class CapturedOutput {
  private readonly written: string[] = [];
  private readonly originals = { out: process.stdout.write, err: process.stderr.write };

  start(): this {
    const tap =
      (stream: NodeJS.WriteStream, original: typeof process.stdout.write) =>
      (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
        this.written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
      };
    process.stdout.write = tap(process.stdout, this.originals.out) as typeof process.stdout.write;
    process.stderr.write = tap(process.stderr, this.originals.err) as typeof process.stderr.write;
    return this;
  }

  stop(): string {
    process.stdout.write = this.originals.out;
    process.stderr.write = this.originals.err;
    return this.text;
  }

  get text(): string {
    return this.written.join('');
  }
}

/** What `run` wrote to stdout and stderr. */
export async function captureOutput(run: () => Promise<void>): Promise<string> {
  const output = new CapturedOutput().start();
  try {
    await run();
  } finally {
    output.stop();
  }
  return output.text;
}
