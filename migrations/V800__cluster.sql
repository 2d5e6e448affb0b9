-- Several instances on one PostgreSQL (issue 13): who is alive, and which scheduled runs were claimed.

-- One row per running instance; it renews heartbeat_at while it lives.
CREATE TABLE cluster_node (
    node_id       varchar(100) PRIMARY KEY,
    host          varchar(255) NOT NULL,
    pid           bigint NOT NULL,
    http_url      varchar(300),
    version       varchar(50),
    poller_units  varchar(1000),
    started_at    timestamp with time zone NOT NULL,
    heartbeat_at  timestamp with time zone NOT NULL
);

-- A scheduled job's run for one period (its start), claimed by one instance: the primary key makes it once only.
CREATE TABLE job_run (
    name          varchar(100) NOT NULL,
    period_start  timestamp with time zone NOT NULL,
    node_id       varchar(100) NOT NULL,
    started_at    timestamp with time zone NOT NULL,
    finished_at   timestamp with time zone,
    outcome       varchar(1000),
    PRIMARY KEY (name, period_start)
);
