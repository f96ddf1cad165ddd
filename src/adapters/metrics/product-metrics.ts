import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The figures an operator watches, in Prometheus' text format (GET /metrics). Each running bot has its own
 * registry, so two bots in one process (the tests) never add to each other's counts. Counters count what this
 * instance did; the gauges read from the database (deliveries due, age of the latest scan) are the tenant's, the
 * same on every instance, so alert on their max(), not their sum().
 *
 * Labels take a small, fixed set of values only (route names, outcome kinds, HTTP statuses): never a person, a
 * conversation or a campaign, which would make a series per person and leak who they are.
 */
export class ProductMetrics {
  readonly registry = new Registry();

  /** Turns answered, by the route that answered them ("card action" for buttons, "other tenant" for refusals). */
  readonly turns = new Counter({
    name: 'mfa_coach_turns_total',
    help: 'Turns the bot ran, by the route that took them.',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });
  readonly turnSeconds = new Histogram({
    name: 'mfa_coach_turn_duration_seconds',
    help: 'How long a turn took, from the checked activity to the last reply, by route.',
    labelNames: ['route'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15],
    registers: [this.registry],
  });

  /** Cards sent to people (nudges, campaign cards, owners' cards, managers' summaries), by what Teams answered. */
  readonly sends = new Counter({
    name: 'mfa_coach_sends_total',
    help: 'Cards posted to Teams, by outcome (sent, throttled, blocked, notInstallable, failed, uncertain); a card whose 1:1 chat could not be opened counts with that outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** Every answer of Teams' Bot Connector and of Microsoft Graph, attempts and retries included. */
  readonly teamsResponses = new Counter({
    name: 'mfa_coach_teams_responses_total',
    help: 'Answers of Teams\' Bot Connector to each attempt, by HTTP status ("error": no answer).',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly graphResponses = new Counter({
    name: 'mfa_coach_graph_responses_total',
    help: 'Answers of Microsoft Graph to each attempt, by HTTP status ("error": no answer).',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly sendBudgetWait = new Histogram({
    name: 'mfa_coach_send_budget_wait_seconds',
    help: "How long a request to Teams waited for its place in the tenant's send budget.",
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [this.registry],
  });

  readonly deliveriesClaimed = new Counter({
    name: 'mfa_coach_deliveries_claimed_total',
    help: 'Campaign deliveries this instance claimed to send.',
    registers: [this.registry],
  });
  readonly deliveryResults = new Counter({
    name: 'mfa_coach_delivery_results_total',
    help: 'Campaign deliveries settled by this instance, by result (sent, failed, skipped, later, uncertain).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly scans = new Counter({
    name: 'mfa_coach_scans_total',
    help: 'Scans of the tenant run by this instance, by outcome (completed, failed, incomplete, alreadyRunning).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly scanSeconds = new Histogram({
    name: 'mfa_coach_scan_duration_seconds',
    help: 'How long a scan of the tenant took, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: [1, 10, 30, 60, 300, 900, 1800, 3600, 7200],
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'mfa_coach_job_failures_total',
    help: 'Background jobs that failed in this instance, by job name (they are retried or reported as each job says).',
    labelNames: ['job'] as const,
    registers: [this.registry],
  });

  /** The figures read when scraped: from the database (the tenant's) and the connection pool (this instance's). */
  watch(sources: MetricSources): void {
    new Gauge({
      name: 'mfa_coach_deliveries',
      help: 'Campaign deliveries due now and not yet claimed (state="due"), claimed and not yet settled (state="sending"): the whole tenant.',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const { due, sending } = await sources.deliveries();
        this.set({ state: 'due' }, due);
        this.set({ state: 'sending' }, sending);
      },
    });
    gauge(
      this.registry,
      'mfa_coach_latest_scan_age_seconds',
      'Seconds since the latest completed scan finished (absent until one has).',
      async () => {
        const at = await sources.latestCompletedScanAt();
        return at ? Math.max(0, (sources.now().getTime() - at.getTime()) / 1000) : undefined;
      },
    );
    const pool = sources.pool;
    if (!pool) return;
    gauge(this.registry, 'mfa_coach_db_pool_connections', 'Connections the pool holds to the PostgreSQL server.', async () => pool().total);
    gauge(this.registry, 'mfa_coach_db_pool_idle', 'Connections of the pool not in use.', async () => pool().idle);
    gauge(this.registry, 'mfa_coach_db_pool_waiting', 'Queries waiting for a free connection of the pool.', async () => pool().waiting);
  }

  /** This instance's figures, then the process's own (memory, CPU, event loop), in Prometheus' text format. */
  async text(): Promise<string> {
    return (await Registry.merge([this.registry, processRegistry()]).metrics()) as string;
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

export interface MetricSources {
  now(): Date;
  deliveries(): Promise<{ due: number; sending: number }>;
  latestCompletedScanAt(): Promise<Date | undefined>;
  /** Absent on the embedded database, which has one connection and no pool. */
  pool?: () => { total: number; idle: number; waiting: number };
}

function gauge(registry: Registry, name: string, help: string, read: () => Promise<number | undefined>): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      const value = await read();
      if (value === undefined) this.reset();
      else this.set(value);
    },
  });
}

/**
 * Node's own figures (heap, resident memory, CPU, event loop delay) are the process's, not a bot's: collected once
 * per process, whatever the number of bots in it, since each collection starts its own event loop monitor.
 */
let processFigures: Registry | undefined;
function processRegistry(): Registry {
  if (!processFigures) {
    processFigures = new Registry();
    collectDefaultMetrics({ register: processFigures, prefix: 'mfa_coach_' });
  }
  return processFigures;
}
