import { initial } from './001_initial';
import { posture } from './002_posture';
import { pendingExports } from './003_exports';
import type { Migration } from './migration';

/** Every migration, in order. A new migration file is added here too. */
export const allMigrations: readonly Migration[] = [initial, posture, pendingExports];
