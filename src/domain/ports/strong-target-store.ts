import type { StrongTarget } from '../mfa/strong-target';

/** The tenant's one target for strong MFA, if an admin set one. */
export interface StrongTargetStore {
  get(): Promise<StrongTarget | undefined>;
  /** Sets it, replacing any other. */
  set(target: StrongTarget): Promise<void>;
  /** Removes it; false when there was none. */
  clear(): Promise<boolean>;
}
