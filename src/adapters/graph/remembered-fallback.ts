import type { DirectoryLog } from './graph-directory-options';
import { GraphFailure } from './graph-failure';

/** What Graph answered the first time the preferred way was tried. */
export type FallbackAnswer = 'accepted' | 'refused';

export interface FallbackOptions {
  /** What is tried first, for the log: "the registration report's $select and $top". */
  preferred: string;
  /** What is used instead, for the log: "the documented form". */
  instead: string;
  /** The refusal that means "use the other way from now on" (a 400 for an undocumented option, say). */
  refuses: (failure: GraphFailure) => boolean;
  /**
   * The refusal is what Graph's documentation leads one to expect (an option it does not document): told as news
   * (info), not as a warning an operator would chase. Otherwise the tenant lacks something, and that is a warning.
   */
  expected?: boolean;
  log?: DirectoryLog;
}

/**
 * A preferred way to ask Graph, and a way that always works: the preferred one is tried once, and if Graph refuses it
 * (as `refuses` says) the other is used from then on. The answer is kept for the life of the process and logged
 * once, so a tenant whose Graph refuses it pays for the refusal with one request, not one per scan.
 */
export class RememberedFallback {
  private known: FallbackAnswer | undefined;

  constructor(private readonly options: FallbackOptions) {}

  /** Undefined until Graph has answered once. */
  get answer(): FallbackAnswer | undefined {
    return this.known;
  }

  /**
   * Runs `preferred` unless Graph refused it before; on a refusal that came before `preferred` called `accepted()`
   * (its first page arrived), runs `fallback` instead and remembers. A refusal after that is a real failure and is thrown.
   */
  async run<T>(preferred: (accepted: () => void) => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    if (this.known === 'refused') return fallback();
    let answered = false;
    try {
      return await preferred(() => {
        answered = true;
        this.known = 'accepted';
      });
    } catch (error) {
      if (answered || !(error instanceof GraphFailure) || !this.options.refuses(error)) throw error;
      this.known = 'refused';
      this.options.log?.[this.options.expected ? 'info' : 'warn'](
        { preferred: this.options.preferred, instead: this.options.instead, status: error.status, code: error.code },
        `Microsoft Graph refused ${this.options.preferred}; using ${this.options.instead} from now on`,
      );
      return fallback();
    }
  }
}
