/**
 * A one-line progress bar on stderr (stdout stays free for results). On a terminal it
 * redraws in place; elsewhere (CI logs, pipes) it prints a line per tenth of the work.
 */
export class ProgressBar {
  private done = 0;
  private lastTenth = -1;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(label: string): void {
    this.done += 1;
    const ratio = this.total === 0 ? 1 : this.done / this.total;
    const width = 30;
    const filled = Math.round(ratio * width);
    const elapsed = (Date.now() - this.started) / 1000;
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} ${(ratio * 100).toFixed(0)}% ${elapsed.toFixed(1)}s ${label}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r${line}\u001b[K${this.done === this.total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor(ratio * 10);
    if (tenth !== this.lastTenth || this.done === this.total) {
      this.lastTenth = tenth;
      this.stream.write(`${line}\n`);
    }
  }
}
