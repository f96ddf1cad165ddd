import type { MethodKind } from '../mfa/method-kind';
import type { MfaStrength } from '../mfa/mfa-strength';

/** Who to tell when someone presses "I need help" (a help-desk channel); false when it could not be told. */
export interface HelpDesk {
  tell(request: { userId: string; name: string; strength: MfaStrength; methods: MethodKind[] }): Promise<boolean>;
}
