import type { Migration } from './migration';

/** The run id the tallies give the campaign as a whole (each person once): no run has it. */
export const WHOLE_CAMPAIGN = '00000000-0000-0000-0000-000000000000';

/** The same, as a constant of a statement. */
export const WHOLE_CAMPAIGN_SQL = `'${WHOLE_CAMPAIGN}'::uuid`;

/**
 * A campaign's funnel kept as it happens, so that the status card and the list read a handful of rows whatever the
 * campaign's size (counting 200,000 deliveries took 2.5 s for the card, 6.7 s for the list).
 *
 * Whatever can change a delivery's funnel facts (its status, its nudge sent, an action on its card, a series ended
 * by a live check, a completed scan, a read of the SMTP sign-in log) notes the campaign and person in
 * campaign_funnel_changes, from statement-level triggers: the writers stay as they are and nothing is missed. The
 * changes are then counted in batches (campaign-funnel-upkeep.ts): each noted person's facts are worked out again
 * from the same SQL the export reads, kept per delivery and per person, and the difference is added to the tallies:
 * people by status and reason, and the figures (targeted, opened, snoozed, enrolled), per run and for the campaign as
 * a whole (WHOLE_CAMPAIGN). The notes are append-only, so writers never wait on each other for them.
 *
 * `reason` is '' when there is none, so that it can be part of a key. `due_at` is kept only while a delivery
 * waits, with partial indexes for the soonest due and the first few waiting; `minutes` (to enrol, from the first
 * delivered nudge) only once enrolled, indexed for the median, which the figures keep.
 */
/** What is kept of a delivery, and of a person (their furthest delivery, what any of them led to). */
const FACT_COLUMNS = `
      status text NOT NULL,
      reason text NOT NULL,
      due_at timestamptz NULL,
      display_name text NULL,
      opened boolean NOT NULL,
      snoozed boolean NOT NULL,
      minutes double precision NULL`;

/** The soonest due by status and reason, the first few waiting, and the median, within a run or a campaign (`scope`). */
function factIndexes(table: string, scope: 'run_id' | 'campaign_id'): string {
  return `
    CREATE INDEX ${table}_soonest ON ${table} (${scope}, status, reason, due_at) WHERE due_at IS NOT NULL;
    CREATE INDEX ${table}_waiting ON ${table} (${scope}, due_at, user_id COLLATE "C") WHERE due_at IS NOT NULL;
    CREATE INDEX ${table}_minutes ON ${table} (${scope}, minutes) WHERE minutes IS NOT NULL;`;
}

/** A statement-level trigger function that notes the people `people` selects (campaign_id, user_id). */
function noting(name: string, people: string): string {
  return `
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO campaign_funnel_changes (campaign_id, user_id) ${people};
      RETURN NULL;
    END;
    $$;`;
}

/** `events` of `table` run `fn`, with the statement's rows as changed_rows (NEW, or OLD for a delete). */
function noted(table: string, events: readonly ('insert' | 'update' | 'delete')[], fn: string): string {
  return events
    .map(
      (event) => `
    CREATE TRIGGER ${table}_noted_${event} AFTER ${event.toUpperCase()} ON ${table}
      REFERENCING ${event === 'delete' ? 'OLD' : 'NEW'} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`,
    )
    .join('');
}

/** The deliveries that carried the nudges (or owners' cards) whose ids `column` of changed_rows holds: their people. */
const carriedBy = (deliveryColumn: 'nudge_id' | 'smtp_nudge_id', column: string) =>
  `SELECT DISTINCT d.campaign_id, d.user_id FROM changed_rows c JOIN campaign_deliveries d ON d.${deliveryColumn} = c.${column}`;

export const campaignFunnelTallies: Migration = {
  id: 29,
  name: 'campaign_funnel_tallies',
  up: `
    -- No foreign key: a note is written with every change of a delivery, and one for a campaign gone counts nothing.
    CREATE TABLE campaign_funnel_changes (
      id bigserial PRIMARY KEY,
      campaign_id uuid NOT NULL,
      user_id text NOT NULL
    );
    -- A reader counts its own campaign's changes first.
    CREATE INDEX campaign_funnel_changes_campaign ON campaign_funnel_changes (campaign_id, id);

    CREATE TABLE campaign_delivery_facts (
      delivery_id bigint PRIMARY KEY,
      campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
      run_id uuid NOT NULL,
      user_id text NOT NULL,${FACT_COLUMNS}
    );
    CREATE INDEX campaign_delivery_facts_person ON campaign_delivery_facts (campaign_id, user_id);${factIndexes('campaign_delivery_facts', 'run_id')}

    CREATE TABLE campaign_person_facts (
      campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
      user_id text NOT NULL,${FACT_COLUMNS},
      PRIMARY KEY (campaign_id, user_id)
    );${factIndexes('campaign_person_facts', 'campaign_id')}

    CREATE TABLE campaign_funnel_groups (
      campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
      run_id uuid NOT NULL,
      status text NOT NULL,
      reason text NOT NULL,
      people integer NOT NULL,
      PRIMARY KEY (campaign_id, run_id, status, reason)
    );

    CREATE TABLE campaign_funnel_figures (
      campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
      run_id uuid NOT NULL,
      targeted integer NOT NULL,
      opened integer NOT NULL,
      snoozed integer NOT NULL,
      enrolled integer NOT NULL,
      -- Worked out again whenever someone's time to enrol changed, so that no reader walks the enrolled to find it.
      median_minutes double precision NULL,
      PRIMARY KEY (campaign_id, run_id)
    );

    -- Deliveries added, changed or removed: their people.
    ${noting('campaign_funnel_note_deliveries', 'SELECT DISTINCT campaign_id, user_id FROM changed_rows')}
    ${noted('campaign_deliveries', ['insert', 'update', 'delete'], 'campaign_funnel_note_deliveries')}

    -- A nudge sent, or an action on its card: the deliveries that carried it.
    ${noting('campaign_funnel_note_nudges', carriedBy('nudge_id', 'id'))}
    ${noted('nudges', ['update'], 'campaign_funnel_note_nudges')}
    ${noting('campaign_funnel_note_actions', carriedBy('nudge_id', 'nudge_id'))}
    ${noted('nudge_actions', ['insert', 'delete'], 'campaign_funnel_note_actions')}

    -- A series ended (a live check found strong MFA): the deliveries of its nudges.
    ${noting(
      'campaign_funnel_note_series',
      `SELECT DISTINCT d.campaign_id, d.user_id
        FROM changed_rows c JOIN nudges n ON n.series_id = c.id JOIN campaign_deliveries d ON d.nudge_id = n.id`,
    )}
    ${noted('nudge_series', ['update'], 'campaign_funnel_note_series')}

    -- A card to an owner of password senders sent: the deliveries that carried it.
    ${noting('campaign_funnel_note_smtp_nudges', carriedBy('smtp_nudge_id', 'id'))}
    ${noted('smtp_owner_nudges', ['update'], 'campaign_funnel_note_smtp_nudges')}

    -- The sign-in log read again: every owner's card may have moved (few people: owners of password senders).
    ${noting('campaign_funnel_note_smtp_reads', 'SELECT DISTINCT campaign_id, user_id FROM campaign_deliveries WHERE smtp_nudge_id IS NOT NULL')}
    ${noted('smtp_scans', ['insert', 'update'], 'campaign_funnel_note_smtp_reads')}
    ${noted('smtp_senders', ['insert', 'update', 'delete'], 'campaign_funnel_note_smtp_reads')}

    -- A scan completed: who is strong, and their names, are read from it now; every counted person again.
    CREATE FUNCTION campaign_funnel_note_scans() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM changed_rows c JOIN before_rows b ON b.id = c.id WHERE c.status = 'completed' AND b.status <> 'completed') THEN
        INSERT INTO campaign_funnel_changes (campaign_id, user_id) SELECT campaign_id, user_id FROM campaign_person_facts;
      END IF;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER scan_runs_noted_update AFTER UPDATE ON scan_runs
      REFERENCING OLD TABLE AS before_rows NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_funnel_note_scans();

    -- Deliveries from before: counted once, as any change is.
    INSERT INTO campaign_funnel_changes (campaign_id, user_id) SELECT DISTINCT campaign_id, user_id FROM campaign_deliveries;
  `,
};
