-- Poll leases (issue 13): the polled devices are divided into buckets (a hash of the device id) per region; each
-- (region, bucket) is held by at most one live instance, which renews it while it lives. Every claim takes a new
-- generation from one sequence, so a generation names one holding; sample and state writes check theirs (fencing).
CREATE SEQUENCE poll_lease_generation_seq;

CREATE TABLE poll_lease (
    -- '' = any instance; a unit code = the regional pollers of that subtree (HATANG_POLLER_UNITS)
    region       varchar(100) NOT NULL,
    bucket       integer NOT NULL,
    node_id      varchar(100),
    generation   bigint NOT NULL DEFAULT 0,
    acquired_at  timestamp with time zone,
    expires_at   timestamp with time zone NOT NULL DEFAULT '-infinity',
    PRIMARY KEY (region, bucket)
);
CREATE INDEX poll_lease_node_idx ON poll_lease (node_id);

-- How many devices each instance polls now (written with its lease renewal), for the cluster view.
ALTER TABLE cluster_node ADD COLUMN polled_devices integer;

-- A trap is stored once however many instances receive it: the same notification (trap OID, the agent's
-- sysUpTime and varbinds) from the same device has the same key.
ALTER TABLE snmp_event ADD COLUMN trap_key varchar(64);
CREATE UNIQUE INDEX snmp_event_trap_key_idx ON snmp_event (device_id, trap_key) WHERE trap_key IS NOT NULL;
