import type { Article } from '../../domain/guidance/article';
import type { NextStep } from '../../domain/mfa/next-step';

/** Which article "I need help" opens, by the person's next step. */
const ARTICLE_FOR_STEP: Record<NextStep['kind'], string> = {
  setUpAuthenticator: 'set-up-microsoft-authenticator',
  replaceWeakMethods: 'set-up-microsoft-authenticator',
  upgradeFromCodes: 'passkeys-and-security-keys',
  managedElsewhere: 'passkeys-and-security-keys',
  addPasskey: 'passkeys-and-security-keys',
  addBackupStrongMethod: 'passkeys-and-security-keys',
  nothing: 'passkeys-and-security-keys',
};

/** A missing article is a broken install: it fails the start rather than a person's press. */
export function helpArticleFor(articles: readonly Article[]): (step: NextStep) => Article | undefined {
  const byId = new Map(articles.map((article) => [article.id, article]));
  for (const id of Object.values(ARTICLE_FOR_STEP)) {
    if (!byId.has(id)) throw new Error(`The knowledge base has no article "${id}", which the nudge card's "I need help" opens.`);
  }
  return (step) => byId.get(ARTICLE_FOR_STEP[step.kind]);
}
