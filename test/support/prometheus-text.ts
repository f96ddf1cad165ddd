/**
 * Reads Prometheus' text format as a scraper would: each sample line `name{label="value",…} number`, comments
 * skipped. Samples are keyed by name and their labels in the order written, e.g. `mfa_coach_sends_total{outcome="sent"}`.
 */
export interface Scrape {
  /** The sample's value, 0 when the series is absent (a counter not yet moved). */
  value(name: string, labels?: Record<string, string>): number;
  /** Every metric the scrape describes (# TYPE lines), whether or not it has samples yet. */
  readonly names: ReadonlySet<string>;
  /** The sum over every series of a metric, whatever its labels. */
  sum(name: string): number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)$/;

export function readScrape(text: string): Scrape {
  const samples = new Map<string, number>();
  const byName = new Map<string, number>();
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) /.exec(line);
    if (type) names.add(type[1] as string);
    const sample = SAMPLE.exec(line);
    if (!sample) continue;
    const [, name, , labels, raw] = sample as unknown as [string, string, string, string | undefined, string];
    const value = Number(raw);
    samples.set(`${name}{${labels ?? ''}}`, value);
    byName.set(name, (byName.get(name) ?? 0) + value);
  }
  const key = (name: string, labels: Record<string, string> = {}) =>
    `${name}{${Object.entries(labels)
      .map(([label, value]) => `${label}="${value}"`)
      .join(',')}}`;
  return {
    value: (name, labels) => samples.get(key(name, labels)) ?? 0,
    names,
    sum: (name) => byName.get(name) ?? 0,
  };
}

/** GET /metrics of a running bot, read. */
export async function scrape(baseUrl: string, headers: Record<string, string> = {}): Promise<Scrape> {
  const response = await fetch(`${baseUrl}/metrics`, { headers });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}: ${await response.text()}`);
  return readScrape(await response.text());
}
