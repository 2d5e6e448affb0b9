-- Holding history of new rows, once per statement: an import that COPYs 100,000 devices writes their first holding
-- rows in one INSERT … SELECT instead of 100,000 trigger calls. Same rows as the per-row trigger of V3 wrote for an
-- INSERT (unit, holder, hatang.effective_at or now(), hatang.reason); changes of unit or holder stay per row.
/* [jooq ignore start] */
CREATE FUNCTION hatang_track_holding_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    at timestamptz := coalesce(nullif(current_setting('hatang.effective_at', true), '')::timestamptz, now());
    why varchar := nullif(current_setting('hatang.reason', true), '');
BEGIN
    INSERT INTO holding_history (entity, entity_id, unit_id, valid_from, reason)
    SELECT TG_ARGV[0], n.id, n.unit_id, at, why FROM inserted n;
    RETURN NULL;
END
$$;

-- Devices also have a holder.
CREATE FUNCTION hatang_track_device_holding_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    at timestamptz := coalesce(nullif(current_setting('hatang.effective_at', true), '')::timestamptz, now());
    why varchar := nullif(current_setting('hatang.reason', true), '');
BEGIN
    INSERT INTO holding_history (entity, entity_id, unit_id, person_id, valid_from, reason)
    SELECT 'device', n.id, n.unit_id, n.person_id, at, why FROM inserted n;
    RETURN NULL;
END
$$;

DROP TRIGGER person_holding ON person;
DROP TRIGGER device_holding ON device;
DROP TRIGGER link_holding ON link;

CREATE TRIGGER person_holding AFTER UPDATE OF unit_id ON person
    FOR EACH ROW EXECUTE FUNCTION hatang_track_holding('person');
CREATE TRIGGER device_holding AFTER UPDATE OF unit_id, person_id ON device
    FOR EACH ROW EXECUTE FUNCTION hatang_track_holding('device');
CREATE TRIGGER link_holding AFTER UPDATE OF unit_id ON link
    FOR EACH ROW EXECUTE FUNCTION hatang_track_holding('link');

CREATE TRIGGER person_holding_inserted AFTER INSERT ON person REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION hatang_track_holding_inserted('person');
CREATE TRIGGER device_holding_inserted AFTER INSERT ON device REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION hatang_track_device_holding_inserted();
CREATE TRIGGER link_holding_inserted AFTER INSERT ON link REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION hatang_track_holding_inserted('link');
/* [jooq ignore stop] */
