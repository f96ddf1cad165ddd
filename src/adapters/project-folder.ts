import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A top-level folder of the project (adaptiveCards/, knowledge/): content shipped beside package.json, found by
 * walking up from the adapter, so it is the same folder whether the code runs from source or from dist/.
 */
export function projectFolder(name: string): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, name))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`The ${name}/ folder was not found beside the project's package.json.`);
    dir = parent;
  }
  return join(dir, name);
}
