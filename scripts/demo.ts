/**
 * `npm run demo`: MFA Coach on its embedded defaults, with nothing to set up and no network.
 * Starts the Graph emulator seeded with the demo tenant, the bot (demo mode: anonymous, loopback only,
 * embedded database) pointed at it, and the Microsoft 365 Agents Playground pointed at the bot, where you
 * chat as one of the demo tenant's people.
 *
 *   npm run demo                    as the employee who has no MFA method yet
 *   npm run demo -- --as admin      as an administrator with strong MFA
 *   npm run demo -- --fresh         forget the demo's stored data first
 *
 * Settings (all optional): PORT (bot, 3978), PLAYGROUND_PORT (56150), OTHER_PLAYGROUND_PORT (56151: the other
 * persona's own Playground), DATA_DIR (.data/demo), LOG_LEVEL (warn).
 */
import { createInterface } from 'node:readline';
import { ConfigError } from '../src/app/config';
import { startDemo, type Persona } from './start-demo';
import { DemoCannotStartError } from './demo-guard';
import { terminalLines, unreachableText } from './terminal-chat';

/** Signals closer together than this after the first are copies of one Ctrl+C (see stop below). */
const REPEATED_SIGNAL_MS = 1000;

function chosenPersona(argv: string[]): Persona {
  const i = argv.indexOf('--as');
  const value = i >= 0 ? argv[i + 1] : 'employee';
  if (value !== 'employee' && value !== 'admin') {
    console.error(`--as takes "employee" or "admin" (got "${value ?? ''}").`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const persona = chosenPersona(process.argv.slice(2));
  const env: Record<string, string | undefined> = { LOG_LEVEL: 'warn', ...process.env };
  const demo = await startDemo({
    persona,
    env,
    playgroundPort: Number(env.PLAYGROUND_PORT ?? 56150),
    otherPlaygroundPort: Number(env.OTHER_PLAYGROUND_PORT ?? 56151),
    fresh: process.argv.includes('--fresh'),
  });
  const { tenant, me, app, graph, playground, config, other, otherPlayground } = demo;
  const switchTo = persona === 'admin' ? 'employee' : 'admin';
  console.log(`
MFA Coach demo is ready (${demo.startedInSeconds.toFixed(1)} s).

  Open the Playground:  ${playground.url}
  You are:              ${me.displayName} <${me.userPrincipalName}>, ${persona === 'admin' ? 'an administrator with strong MFA' : 'an employee with no MFA method yet'}
  Try:                  help   (or /help; in the team or group chat, mention the bot first)

  The ${switchTo}'s Playground: ${otherPlayground?.url ?? '(not started)'}   (${other.person.displayName}, side by side with you)
  Try, as the admin:    campaign new   (a campaign manager's form: choose "Start now", then "Create campaign";
                        the employee's Playground gets the nudge; "campaign 1" shows its funnel)

  Demo tenant:          ${tenant.organizationName}, ${tenant.users.length} people, tenant ${tenant.tenantId}
  Bot:                  ${app.url}/api/messages  (demo mode: no credentials, loopback only)
  Microsoft Graph:      ${graph.graphUrl}  (emulator)
  Data:                 ${config.database.dataDir}  (embedded PostgreSQL; npm run demo -- --fresh to start over)

  Switch user:          stop with Ctrl+C, then  npm run demo -- --as ${switchTo}

  Here, in this terminal, you are also ${other.person.displayName} (the ${switchTo}): type a message and press Enter.
${
  persona === 'employee'
    ? `  Try:                  nudge ${me.userPrincipalName}   (a reminder card arrives in the Playground)
  Then type:            enrol   (the demo tenant registers Authenticator for you; press "I've done it" on the card)
`
    : ''
}`);

  // The second person's chat, and "enrol": what setting up Authenticator on a phone would change in the directory.
  // "enrol" is always about the demo's employee, whichever side of the demo they are on.
  const employee = persona === 'employee' ? me : other.person;
  const terminal = createInterface({ input: process.stdin, terminal: false });
  terminal.on('line', (line) => {
    const text = line.trim();
    if (text === '') return;
    if (text.toLowerCase() === 'enrol' || text.toLowerCase() === 'enroll') {
      graph.state.enrolAuthenticator(employee.id);
      console.log(`  ${employee.displayName} (the employee) now has Microsoft Authenticator in the demo directory.`);
      return;
    }
    other.say(text).then(
      (replies) => console.log(terminalLines(config.bot.displayName, replies)),
      (error: unknown) => console.log(`  ${unreachableText(error)}`),
    );
  });

  // One Ctrl+C can reach this process more than once: the terminal signals the whole group (npm and this process),
  // and a launcher in between (npm, tsx) may pass it on too. Those copies arrive within moments and are one request
  // to stop, cleanly (the embedded database closed, the data folder released). Only a later signal forces the exit.
  let stoppingSince: number | undefined;
  const stop = async () => {
    if (stoppingSince !== undefined) {
      if (performance.now() - stoppingSince > REPEATED_SIGNAL_MS) process.exit(1);
      return;
    }
    stoppingSince = performance.now();
    console.log('Stopping the demo… (work under way, a scan say, gets up to 10 s to finish)');
    await demo.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof DemoCannotStartError ? error.message : error);
  process.exit(1);
});
