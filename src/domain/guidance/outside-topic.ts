/**
 * A subject people bring to an IT help bot that MFA Coach does not cover (Outlook features, Wi-Fi, HR, ...),
 * kept in `knowledge/outside-topics.yaml`. It is matched only to decline plainly: a question nearer one of
 * these than any article is not answered with the nearest article, which would merely share its words.
 */
export interface OutsideTopic {
  id: string;
  /** Named when the bot declines: "That is outside what I cover: <title>." */
  title: string;
  /** Ways people ask about it; used for matching, never shown. */
  questions: string[];
}
