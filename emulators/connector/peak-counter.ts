/** The most events seen within any window of `windowMs` (for "peak per second" stats). */
export class PeakCounter {
  private readonly times: number[] = [];
  peak = 0;

  constructor(private readonly windowMs: number) {}

  add(now: number): void {
    this.times.push(now);
    while ((this.times[0] ?? now) <= now - this.windowMs) this.times.shift();
    this.peak = Math.max(this.peak, this.times.length);
  }

  reset(): void {
    this.times.length = 0;
    this.peak = 0;
  }
}
