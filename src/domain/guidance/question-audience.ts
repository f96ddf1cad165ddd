import type { ArticleAudience } from './article';
import { joinedText } from './question-words';

/** Who a question is for: an employee about their own sign-in, or an admin about the tenant's. */
export type QuestionAudience = Extract<ArticleAudience, 'employee' | 'admin'>;

/** Words that put a question on the tenant's side: people in the plural, policies, consoles, reports. */
const ADMIN_WORDS = new Set(
  (
    'users user staff employees people everyone colleagues tenant tenants org organisation organization ' +
    'policy policies admin admins administrator administrators portal center centre report reports rollout enforce enforcing ' +
    'campaign campaigns licence license licences licenses group groups we our ours us'
  ).split(' '),
);

/** Words that put it on the asker's own side. */
const OWN_WORDS = new Set('i my me mine im ive myself'.split(' '));

/**
 * The audience a question is for, from its words first ("how do we enforce…" is an admin's; "my phone…" an
 * employee's), then from who asks (an admin asking "sms" means the tenant's SMS users), else none.
 */
export function audienceOf(question: string, asker?: QuestionAudience): QuestionAudience | undefined {
  // Read as the index reads words, so that "roll out" and "rolled-out" are the admin's "rollout".
  const words = joinedText(question).split(/[^a-z0-9]+/);
  const admin = words.filter((word) => ADMIN_WORDS.has(word)).length;
  const own = words.filter((word) => OWN_WORDS.has(word)).length;
  if (admin > own) return 'admin';
  if (own > admin) return 'employee';
  return asker;
}
