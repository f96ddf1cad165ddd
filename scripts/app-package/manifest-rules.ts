/**
 * The Agents Toolkit's and Teams' package rules that the JSON schema does not hold and that need no network: the
 * ids, the version, the command menus and the valid domains. Each rule returns the problems it found, in words.
 * The manifest may be broken in any way (the schema reports that), so every read here checks its type first.
 */

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** Semantic Versioning 2.0.0, the expression semver.org gives: what Teams asks of `version`. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Teams' documented menu limits, tighter than the schema (which allows 128-character titles, and 12 commands from 1.24). */
export const MENU_LIMITS = { commandsPerScope: 10, titleLength: 32, descriptionLength: 128 } as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const objectsIn = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const stringsIn = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []);

export function idProblems(manifest: Json): string[] {
  const problems: string[] = [];
  if (typeof manifest.id !== 'string' || !GUID.test(manifest.id)) problems.push(`id ${JSON.stringify(manifest.id)} is not a GUID`);
  objectsIn(manifest.bots).forEach((bot, index) => {
    if (typeof bot.botId !== 'string' || !GUID.test(bot.botId))
      problems.push(`bots[${index}].botId ${JSON.stringify(bot.botId)} is not a GUID`);
  });
  return problems;
}

export function versionProblems(manifest: Json): string[] {
  return typeof manifest.version === 'string' && SEMVER.test(manifest.version)
    ? []
    : [`version ${JSON.stringify(manifest.version)} is not a semantic version such as 1.0.0`];
}

/** Each scope's menu: at most 10 commands (counted over every list that names the scope), short titles and descriptions. */
export function commandMenuProblems(manifest: Json): string[] {
  const problems: string[] = [];
  objectsIn(manifest.bots).forEach((bot, botIndex) => {
    const lists = objectsIn(bot.commandLists);
    const perScope = new Map<string, number>();
    lists.forEach((list, listIndex) => {
      const where = `bots[${botIndex}].commandLists[${listIndex}]`;
      const commands = objectsIn(list.commands);
      for (const scope of stringsIn(list.scopes)) perScope.set(scope, (perScope.get(scope) ?? 0) + commands.length);
      const seen = new Set<string>();
      commands.forEach((command, index) => {
        const title = typeof command.title === 'string' ? command.title : '';
        const description = typeof command.description === 'string' ? command.description : '';
        if (title.trim() === '') problems.push(`${where}.commands[${index}] has no title`);
        if (title.length > MENU_LIMITS.titleLength)
          problems.push(`${where}: the title "${title}" has ${title.length} characters, more than ${MENU_LIMITS.titleLength}`);
        if (description.trim() === '') problems.push(`${where}: the command "${title}" has no description`);
        if (description.length > MENU_LIMITS.descriptionLength)
          problems.push(
            `${where}: the description of "${title}" has ${description.length} characters, more than ${MENU_LIMITS.descriptionLength}`,
          );
        const key = title.trim().toLowerCase();
        if (key !== '' && seen.has(key)) problems.push(`${where}: the title "${title}" is there twice`);
        seen.add(key);
      });
    });
    for (const [scope, count] of perScope)
      if (count > MENU_LIMITS.commandsPerScope)
        problems.push(`bots[${botIndex}]: the ${scope} menu has ${count} commands, more than ${MENU_LIMITS.commandsPerScope}`);
  });
  return problems;
}

/**
 * A wildcard may stand only for the first label of a domain the app's owner controls (`*.example.com`): `*`,
 * `*.com` or a `*` further in would let the app trust domains nobody reviewed. Without the list of public suffixes,
 * `*.co.uk` passes here; the Teams store's own validation judges it.
 */
export function validDomainProblems(manifest: Json): string[] {
  return stringsIn(manifest.validDomains)
    .filter((domain) => {
      if (!domain.includes('*')) return false;
      const labels = domain
        .replace(/^https?:\/\//, '')
        .split('/')[0]!
        .split('.');
      return labels[0] !== '*' || labels.slice(1).some((label) => label.includes('*')) || labels.length < 3;
    })
    .map(
      (domain) =>
        `validDomains: "${domain}" has a wildcard at the top level; only a subdomain of your own domain may be one (*.example.com)`,
    );
}
