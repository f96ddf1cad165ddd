/**
 * Names Graph sent that this adapter does not know, counted per scan: a new method type shows up as one log
 * line with a count ("externalAuthMethod: 1200"), not as 1,200 lines or not at all.
 */
export class UnknownMethodTally {
  private readonly counts = new Map<string, number>();

  add(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  get size(): number {
    return this.counts.size;
  }

  toRecord(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
