import type { DirectoryLog } from './graph-directory-options';
import { GraphFailure } from './graph-failure';

/** What Graph answered the first time an undocumented optimisation was tried. */
export type QueryFormAnswer = 'accepted' | 'refused';

/**
 * An optimisation that relies on a query option Microsoft does not document for a call (for example `$top` on
 * the registration report): tried once, and if Graph refuses it with 400 the documented form is used from then on.
 * The answer is kept for the life of the process and logged once, so a tenant whose Graph refuses it pays for the
 * refusal with one request, not one per scan.
 */
export class QueryFormProbe {
  private known: QueryFormAnswer | undefined;

  constructor(
    /** What the optimisation is, for the log: "the registration report's $select and $top". */
    readonly optimisation: string,
    private readonly log?: DirectoryLog,
  ) {}

  /** Undefined until Graph has answered once. */
  get answer(): QueryFormAnswer | undefined {
    return this.known;
  }

  /**
   * Runs `optimised` unless Graph refused it before; on a 400 that came before `optimised` called `accepted()` (its
   * first page arrived), runs `documented` instead and remembers. A 400 after that is a real failure and is thrown.
   */
  async run<T>(optimised: (accepted: () => void) => Promise<T>, documented: () => Promise<T>): Promise<T> {
    if (this.known === 'refused') return documented();
    let answered = false;
    try {
      return await optimised(() => {
        answered = true;
        this.known = 'accepted';
      });
    } catch (error) {
      if (answered || !(error instanceof GraphFailure) || error.kind !== 'badRequest') throw error;
      this.known = 'refused';
      this.log?.warn(
        { optimisation: this.optimisation, status: error.status, code: error.code },
        `Microsoft Graph refused ${this.optimisation} (not documented for this call); using the documented form from now on`,
      );
      return documented();
    }
  }
}
