-- The units whose own KPI counts a transaction may have changed, for the per-unit count cache of every instance
-- (coverage/KpiCache). Written by statement triggers on the tables the KPIs read, so every writer is seen: the
-- API, imports, the CLI, another instance, raw SQL. `xid` is the writing transaction's id (pg_current_xact_id as
-- a number): a reader that saw the log up to a snapshot whose oldest running transaction was X only needs the rows
-- with xid >= X afterwards. unit_id null: the tree itself changed (a unit moved or was added), recompute all.
CREATE TABLE kpi_change (
    xid      bigint NOT NULL,
    unit_id  bigint
);
CREATE INDEX kpi_change_xid_idx ON kpi_change (xid);

-- Pruning (CoverageScheduler, daily): rows below the horizon noted at the previous prune, at least two days ago, are
-- dropped; a cache never goes a day without refreshing, so none still needs them.
CREATE TABLE kpi_change_horizon (
    id        integer PRIMARY KEY,
    xid       bigint NOT NULL,
    noted_at  timestamp with time zone NOT NULL,
    CONSTRAINT kpi_change_horizon_one_check CHECK (id = 1)
);

/* [jooq ignore start] */
ALTER TABLE kpi_change ALTER COLUMN xid SET DEFAULT pg_current_xact_id()::text::bigint;
INSERT INTO kpi_change_horizon (id, xid, noted_at) VALUES (1, 0, now());

-- For the rows of one statement (its transition tables), the units whose own counts they feed, given as a query
-- over the rows (%1$I: new_rows or old_rows) in the trigger's argument: a person counts in their unit; a device in
-- its unit, its holder's and its investment line's; a security check or a certificate through its device or holder.
CREATE FUNCTION hatang_kpi_units() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    units text := CASE TG_OP WHEN 'INSERT' THEN format(TG_ARGV[0], 'new_rows')
                             WHEN 'DELETE' THEN format(TG_ARGV[0], 'old_rows')
                             ELSE format(TG_ARGV[0], 'new_rows') || ' UNION ' || format(TG_ARGV[0], 'old_rows') END;
BEGIN
    EXECUTE 'INSERT INTO kpi_change (unit_id) SELECT DISTINCT u FROM (' || units || ') s (u) WHERE u IS NOT NULL';
    RETURN NULL;
END
$$;

-- A unit counts in itself (unit-count KPIs, its kind and status decide its scope); a moved unit changes the tree.
CREATE FUNCTION hatang_kpi_units_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO kpi_change (unit_id)
        SELECT DISTINCT CASE WHEN o.path IS DISTINCT FROM n.path THEN NULL ELSE n.id END
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE o.path IS DISTINCT FROM n.path OR o.kind IS DISTINCT FROM n.kind OR o.status IS DISTINCT FROM n.status;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO kpi_change (unit_id) SELECT id FROM new_rows;
    ELSE
        INSERT INTO kpi_change (unit_id) SELECT id FROM old_rows;
    END IF;
    RETURN NULL;
END
$$;

-- TRUNCATE names no rows: everything.
CREATE FUNCTION hatang_kpi_units_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO kpi_change (unit_id) VALUES (NULL);
    RETURN NULL;
END
$$;

-- The poller rewrites a link's live state every poll; only a change of status matters.
CREATE FUNCTION hatang_kpi_units_link_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO kpi_change (unit_id)
    SELECT l.unit_id FROM link l WHERE l.id = coalesce(NEW.link_id, OLD.link_id) AND l.unit_id IS NOT NULL;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
        ('person', 'SELECT unit_id FROM %1$I'),
        ('device', 'SELECT v.u FROM %1$I r, LATERAL (VALUES (r.unit_id), '
            || '((SELECT p.unit_id FROM person p WHERE p.id = r.person_id)), '
            || '((SELECT il.unit_id FROM investment_line il WHERE il.id = r.investment_line_id))) v (u)'),
        ('security_check', 'SELECT v.u FROM %1$I r JOIN device d ON d.id = r.device_id, LATERAL (VALUES (d.unit_id), '
            || '((SELECT p.unit_id FROM person p WHERE p.id = d.person_id))) v (u)'),
        ('pki_certificate', 'SELECT p.unit_id FROM %1$I r JOIN person p ON p.id = r.person_id'),
        ('investment_line', 'SELECT unit_id FROM %1$I'), ('link', 'SELECT unit_id FROM %1$I'),
        ('information_system', 'SELECT owner_unit_id FROM %1$I')
    ) AS v (tbl, units) LOOP
        -- A trigger with transition tables fires on one event only: three per table.
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
            || 'FOR EACH STATEMENT EXECUTE FUNCTION hatang_kpi_units(%L)', t.tbl || '_kpi_ins', t.tbl, t.units);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            || 'FOR EACH STATEMENT EXECUTE FUNCTION hatang_kpi_units(%L)', t.tbl || '_kpi_upd', t.tbl, t.units);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
            || 'FOR EACH STATEMENT EXECUTE FUNCTION hatang_kpi_units(%L)', t.tbl || '_kpi_del', t.tbl, t.units);
    END LOOP;
    FOR t IN SELECT unnest(ARRAY['person', 'device', 'security_check', 'pki_certificate', 'investment_line', 'link',
                                 'information_system', 'unit', 'snmp_link_state']) AS tbl LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION hatang_kpi_units_all()',
            t.tbl || '_kpi_truncate', t.tbl);
    END LOOP;
END
$$;

CREATE TRIGGER unit_kpi_ins AFTER INSERT ON unit REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION hatang_kpi_units_unit();
CREATE TRIGGER unit_kpi_upd AFTER UPDATE ON unit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION hatang_kpi_units_unit();
CREATE TRIGGER unit_kpi_del AFTER DELETE ON unit REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION hatang_kpi_units_unit();

CREATE TRIGGER snmp_link_state_kpi_ins AFTER INSERT OR DELETE ON snmp_link_state
    FOR EACH ROW EXECUTE FUNCTION hatang_kpi_units_link_state();
CREATE TRIGGER snmp_link_state_kpi_upd AFTER UPDATE OF status ON snmp_link_state
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION hatang_kpi_units_link_state();
/* [jooq ignore stop] */
