import type { Migration } from './migration';

/** The run id the tallies give the campaign as a whole (each person once): no run has it. */
export const WHOLE_CAMPAIGN = '00000000-0000-0000-0000-000000000000';

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
      user_id text NOT NULL,
      status text NOT NULL,
      reason text NOT NULL,
      due_at timestamptz NULL,
      display_name text NULL,
      opened boolean NOT NULL,
      snoozed boolean NOT NULL,
      minutes double precision NULL
    );
    CREATE INDEX campaign_delivery_facts_person ON campaign_delivery_facts (campaign_id, user_id);
    CREATE INDEX campaign_delivery_facts_soonest ON campaign_delivery_facts (run_id, status, reason, due_at) WHERE due_at IS NOT NULL;
    CREATE INDEX campaign_delivery_facts_waiting ON campaign_delivery_facts (run_id, due_at, user_id COLLATE "C") WHERE due_at IS NOT NULL;
    CREATE INDEX campaign_delivery_facts_minutes ON campaign_delivery_facts (run_id, minutes) WHERE minutes IS NOT NULL;

    CREATE TABLE campaign_person_facts (
      campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
      user_id text NOT NULL,
      status text NOT NULL,
      reason text NOT NULL,
      due_at timestamptz NULL,
      display_name text NULL,
      opened boolean NOT NULL,
      snoozed boolean NOT NULL,
      minutes double precision NULL,
      PRIMARY KEY (campaign_id, user_id)
    );
    CREATE INDEX campaign_person_facts_soonest ON campaign_person_facts (campaign_id, status, reason, due_at) WHERE due_at IS NOT NULL;
    CREATE INDEX campaign_person_facts_waiting ON campaign_person_facts (campaign_id, due_at, user_id COLLATE "C") WHERE due_at IS NOT NULL;
    CREATE INDEX campaign_person_facts_minutes ON campaign_person_facts (campaign_id, minutes) WHERE minutes IS NOT NULL;

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
    CREATE FUNCTION campaign_funnel_note_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO campaign_funnel_changes (campaign_id, user_id) SELECT DISTINCT campaign_id, user_id FROM changed_rows;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER campaign_deliveries_noted_insert AFTER INSERT ON campaign_deliveries
      REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_funnel_note_deliveries();
    CREATE TRIGGER campaign_deliveries_noted_update AFTER UPDATE ON campaign_deliveries
      REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_funnel_note_deliveries();
    CREATE TRIGGER campaign_deliveries_noted_delete AFTER DELETE ON campaign_deliveries
      REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_funnel_note_deliveries();

    -- A nudge sent, or an action on its card: the deliveries that carried it.
    CREATE FUNCTION campaign_funnel_note_nudge_ids() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO campaign_funnel_changes (campaign_id, user_id)
        SELECT DISTINCT d.campaign_id, d.user_id FROM changed_rows c JOIN campaign_deliveries d ON d.nudge_id = c.id;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER nudges_noted_update AFTER UPDATE ON nudges
      REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_funnel_note_nudge_ids();

    CREATE FUNCTION campaign_funnel_note_actions() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO campaign_funnel_changes (campaign_id, user_id)
        SELECT DISTINCT d.campaign_id, d.user_id FROM changed_rows c JOIN campaign_deliveries d ON d.nudge_id = c.nudge_id;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER nudge_actions_noted_insert AFTER INSERT ON nudge_actions
      REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_funnel_note_actions();
    CREATE TRIGGER nudge_actions_noted_delete AFTER DELETE ON nudge_actions
      REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_funnel_note_actions();

    -- A series ended (a live check found strong MFA): the deliveries of its nudges.
    CREATE FUNCTION campaign_funnel_note_series() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO campaign_funnel_changes (campaign_id, user_id)
        SELECT DISTINCT d.campaign_id, d.user_id
        FROM changed_rows c JOIN nudges n ON n.series_id = c.id JOIN campaign_deliveries d ON d.nudge_id = n.id;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER nudge_series_noted_update AFTER UPDATE ON nudge_series
      REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_funnel_note_series();

    -- A card to an owner of password senders sent: the deliveries that carried it.
    CREATE FUNCTION campaign_funnel_note_smtp_nudges() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO campaign_funnel_changes (campaign_id, user_id)
        SELECT DISTINCT d.campaign_id, d.user_id FROM changed_rows c JOIN campaign_deliveries d ON d.smtp_nudge_id = c.id;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER smtp_owner_nudges_noted_update AFTER UPDATE ON smtp_owner_nudges
      REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_funnel_note_smtp_nudges();

    -- The sign-in log read again: every owner's card may have moved (few people: owners of password senders).
    CREATE FUNCTION campaign_funnel_note_smtp_reads() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO campaign_funnel_changes (campaign_id, user_id)
        SELECT DISTINCT campaign_id, user_id FROM campaign_deliveries WHERE smtp_nudge_id IS NOT NULL;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER smtp_scans_noted_insert AFTER INSERT ON smtp_scans
      FOR EACH STATEMENT EXECUTE FUNCTION campaign_funnel_note_smtp_reads();
    CREATE TRIGGER smtp_scans_noted_update AFTER UPDATE ON smtp_scans
      FOR EACH STATEMENT EXECUTE FUNCTION campaign_funnel_note_smtp_reads();
    CREATE TRIGGER smtp_senders_noted AFTER INSERT OR UPDATE OR DELETE ON smtp_senders
      FOR EACH STATEMENT EXECUTE FUNCTION campaign_funnel_note_smtp_reads();

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
