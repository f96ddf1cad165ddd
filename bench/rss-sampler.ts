/**
 * Peak resident set size of this process, sampled every 100 ms, and what it was made of at that moment:
 * the JavaScript heap, memory outside it (PGlite's WebAssembly memory is an ArrayBuffer there, counted at its
 * reserved size, not what is touched), and the rest (code, the runtime, touched WebAssembly pages).
 */
export function rssSampler(): { peakMb(): number; atPeakMb(): Record<string, number>; stop(): void } {
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  let peak = process.memoryUsage();
  const sample = () => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = now;
  };
  const timer = setInterval(sample, 100);
  return {
    peakMb: () => (sample(), mb(peak.rss)),
    atPeakMb: () => ({
      heap_total: mb(peak.heapTotal),
      heap_used: mb(peak.heapUsed),
      external: mb(peak.external),
      array_buffers: mb(peak.arrayBuffers),
    }),
    stop: () => clearInterval(timer),
  };
}
