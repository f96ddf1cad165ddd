import { initial } from './001_initial';
import type { Migration } from './migration';

/** Every migration, in order. A new migration file is added here too. */
export const allMigrations: readonly Migration[] = [initial];
