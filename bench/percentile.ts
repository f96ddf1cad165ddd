/** The p-th percentile (0 to 100) of times sorted in ascending order: the value at or under which p% of them fall. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
