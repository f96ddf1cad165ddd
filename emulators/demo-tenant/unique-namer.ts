/** Hands out unique mail local parts: alex.wilber, alex.wilber2, … */
export class UniqueNamer {
  private readonly used = new Map<string, number>();

  constructor(private readonly domain: string) {}

  take(local: string): string {
    return `${this.takeLocal(local, this.domain)}@${this.domain}`;
  }

  takeLocal(local: string, domain: string): string {
    const key = `${local}@${domain}`;
    const n = (this.used.get(key) ?? 0) + 1;
    this.used.set(key, n);
    return n === 1 ? local : `${local}${n}`;
  }
}
