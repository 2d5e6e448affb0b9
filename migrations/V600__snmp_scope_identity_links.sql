-- SNMP (issue 12): who a profile belongs to and where its secrets may go, the simulated sample, device identity,
-- and the live state of each link.

-- A profile belongs to a unit: only devices of that unit's subtree may use it, and only a caller whose scope covers
-- the unit may change it. Its secrets (community, v3 discovery and keys) are sent only to addresses inside its
-- networks (a JSON array of CIDR blocks). Profiles made before this migration keep working: they are given to the
-- root unit and allow every address, which the service logs as a warning until someone narrows them.
ALTER TABLE snmp_profile ADD COLUMN unit_id bigint REFERENCES unit (id);
ALTER TABLE snmp_profile ADD COLUMN networks jsonb NOT NULL DEFAULT '[]';
-- The generated profile of the simulated sample province (embedded default); its devices answer on loopback.
ALTER TABLE snmp_profile ADD COLUMN simulated boolean NOT NULL DEFAULT false;
/* [jooq ignore start] */
-- snmp_profile is audited (V501): the backfill acts as the migration, summarised by this comment, not row by row.
SELECT set_config('hatang.actor', 'system:migration', true), set_config('hatang.audit_detail', 'summary', true);
UPDATE snmp_profile SET unit_id = (SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1),
    networks = '["0.0.0.0/0", "::/0"]';
/* [jooq ignore stop] */
ALTER TABLE snmp_profile ALTER COLUMN unit_id SET NOT NULL;
CREATE INDEX snmp_profile_unit_idx ON snmp_profile (unit_id);
/* [jooq ignore start] */
-- Now that a profile has a unit, its audit rows carry it (the unit's officers see them).
DROP TRIGGER snmp_profile_audit ON snmp_profile;
CREATE TRIGGER snmp_profile_audit AFTER INSERT OR UPDATE OR DELETE ON snmp_profile FOR EACH ROW
    EXECUTE FUNCTION hatang_audit_capture('id', 'unit_id');
/* [jooq ignore stop] */

-- The authoritative engine ID (hex) the device is expected to have, for SNMPv3; null = accept what it says.
ALTER TABLE snmp_device ADD COLUMN engine_id varchar(64);
CREATE INDEX snmp_unit_profile_profile_idx ON snmp_unit_profile (profile_id);

-- Identity as read by discovery: the software version (was `firmware`), which vendor profile read it, and where
-- each value came from (JSON: {"serial": "ENTITY-MIB entPhysicalSerialNum.1001", ...}, plus stack members).
ALTER TABLE snmp_device_state RENAME COLUMN firmware TO software_version;
ALTER TABLE snmp_device_state ADD COLUMN vendor varchar(100);
ALTER TABLE snmp_device_state ADD COLUMN identity_profile varchar(64);
ALTER TABLE snmp_device_state ADD COLUMN identity jsonb;
-- Which clock the last poll's uptime came from: sysUpTime, snmpEngineTime, hrSystemUptime or the poll itself.
ALTER TABLE snmp_device_state ADD COLUMN uptime_source varchar(20);

-- What the poller last concluded about each link carried by a polled device: up, down (and why) or unknown, since
-- when, on which interface, and the last utilisation. WAN_CONNECTED reads it through the coverage port.
CREATE TABLE snmp_link_state (
    link_id         bigint PRIMARY KEY REFERENCES link (id) ON DELETE CASCADE,
    device_id       bigint NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    status          varchar(8) NOT NULL,
    reason          varchar(32),
    if_index        integer,
    if_name         varchar(255),
    since           timestamp with time zone NOT NULL,
    first_seen_at   timestamp with time zone NOT NULL DEFAULT now(),
    updated_at      timestamp with time zone NOT NULL,
    in_ratio        double precision,
    out_ratio       double precision,
    in_bps          double precision,
    out_bps         double precision,
    utilisation_at  timestamp with time zone,
    CONSTRAINT snmp_link_state_status_check CHECK (status IN ('up', 'down', 'unknown')),
    CONSTRAINT snmp_link_state_reason_check CHECK (reason IS NULL OR reason IN ('device_unreachable',
        'interface_down', 'interface_not_found', 'credentials_rejected', 'snmp_error', 'address_not_allowed'))
);
CREATE INDEX snmp_link_state_device_idx ON snmp_link_state (device_id);
