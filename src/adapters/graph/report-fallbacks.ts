import type { DirectoryLog } from './graph-directory-options';
import { RememberedFallback } from './remembered-fallback';

/** `$select` and `$top` on the registration report are not documented for v1.0: a 400 means the documented form. */
export function reportFormFallback(log?: DirectoryLog): RememberedFallback {
  return new RememberedFallback({
    preferred: "the registration report's $select and $top (not documented for it)",
    instead: 'the documented form',
    refuses: (failure) => failure.kind === 'badRequest',
    expected: true,
    log,
  });
}

/** Without Entra ID P1 or P2 the report answers 403; each person's methods can still be read, only slower. */
export function reportSourceFallback(log?: DirectoryLog): RememberedFallback {
  return new RememberedFallback({
    preferred: 'the registration report (it needs Microsoft Entra ID P1 or P2)',
    instead: "each person's methods (the slower per-user mode)",
    refuses: (failure) => failure.kind === 'licenseRequired',
    log,
  });
}
