import { unzipSync, zipSync } from 'fflate';
import { checkManifest, iconNames } from './package-checks';

export const MANIFEST_FILE = 'manifest.json';

/** The package as Teams takes it: manifest.json and the icons, each at the root of the zip. */
export function zipAppPackage(manifest: unknown, icons: ReadonlyMap<string, Buffer>): Uint8Array {
  // Four-space JSON, as the Toolkit's zipAppPackage writes it, so both packages read the same.
  const files: Record<string, Uint8Array> = { [MANIFEST_FILE]: Buffer.from(JSON.stringify(manifest, null, 4)) };
  for (const [name, bytes] of icons) files[name] = bytes;
  return zipSync(files, { level: 9 });
}

/**
 * Reads a built package back and checks what Teams will read: exactly manifest.json and the two icons it names,
 * at the root, then the manifest and icons by the same rules as before zipping. Empty when the package is good.
 */
export function checkPackageZip(zip: Uint8Array): string[] {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    return [`the package is not a readable zip (${(error as Error).message})`];
  }
  const manifestBytes = entries[MANIFEST_FILE];
  if (!manifestBytes) return [`the package has no ${MANIFEST_FILE} at its root`];
  let manifest: unknown;
  try {
    manifest = JSON.parse(Buffer.from(manifestBytes).toString('utf8'));
  } catch (error) {
    return [`the package's ${MANIFEST_FILE} is not JSON (${(error as Error).message})`];
  }
  const expected = new Set([MANIFEST_FILE, ...iconNames(manifest)]);
  const names = Object.keys(entries);
  const problems = [
    ...names.filter((name) => !expected.has(name)).map((name) => `the package holds ${name}, which is neither manifest.json nor an icon`),
    ...[...expected].filter((name) => !names.includes(name)).map((name) => `the package lacks ${name} at its root`),
  ];
  const read = (name: string): Buffer | undefined => {
    const bytes = entries[name];
    return bytes ? Buffer.from(bytes) : undefined;
  };
  return [...problems, ...checkManifest(manifest, read)];
}
