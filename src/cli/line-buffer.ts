/** How long a progress line may wait before it is written. */
const FLUSH_MS = 100;
const MAX_PENDING = 64 * 1024;

/**
 * Progress lines (one per cell under CI) written in batches: a write to a pipe is synchronous on
 * Linux, and one per cell cost 0.2 ms each of the main thread when a slow reader holds the pipe.
 */
export class LineBuffer {
  private pending = '';
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly out: NodeJS.WritableStream) {
    this.timer = setInterval(() => this.flush(), FLUSH_MS).unref();
  }

  write(line: string): void {
    this.pending += line;
    if (this.pending.length >= MAX_PENDING) this.flush();
  }

  flush(): void {
    if (this.pending === '') return;
    this.out.write(this.pending);
    this.pending = '';
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
