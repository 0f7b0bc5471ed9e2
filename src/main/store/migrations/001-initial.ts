import type { Migration } from '../migration';

/**
 * The cache and history tables. Agents get an integer id so the large per-agent tables
 * (values, instances, schema) key on a small integer; those are WITHOUT ROWID with the
 * path in the primary key, so a subtree is one index range scan.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

      CREATE TABLE agent (
        id INTEGER PRIMARY KEY,
        endpoint_id TEXT NOT NULL UNIQUE,
        display_name TEXT,
        addresses TEXT NOT NULL DEFAULT '[]',
        tags TEXT NOT NULL DEFAULT '[]',
        pinned INTEGER NOT NULL DEFAULT 0,
        usp_versions TEXT NOT NULL DEFAULT '[]',
        manufacturer TEXT,
        model_name TEXT,
        serial_number TEXT,
        product_class TEXT,
        oui TEXT,
        software_version TEXT,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        presence TEXT NOT NULL DEFAULT 'unknown',
        presence_reason TEXT,
        approval TEXT NOT NULL DEFAULT 'pending'
      );

      CREATE TABLE presence_event (
        id INTEGER PRIMARY KEY,
        agent_id INTEGER NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        presence TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE INDEX presence_event_agent ON presence_event(agent_id, at);

      CREATE TABLE supported_object (
        agent_id INTEGER NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        access TEXT NOT NULL,
        multi_instance INTEGER NOT NULL,
        commands TEXT NOT NULL,
        events TEXT NOT NULL,
        unique_key_sets TEXT NOT NULL,
        divergent_paths TEXT NOT NULL,
        read_at INTEGER NOT NULL,
        PRIMARY KEY (agent_id, path)
      ) WITHOUT ROWID;

      CREATE TABLE supported_param (
        agent_id INTEGER NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
        object_path TEXT NOT NULL,
        name TEXT NOT NULL,
        access TEXT NOT NULL,
        type TEXT NOT NULL,
        value_change TEXT NOT NULL,
        secured INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (agent_id, object_path, name)
      ) WITHOUT ROWID;

      CREATE TABLE instance (
        agent_id INTEGER NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        unique_keys TEXT NOT NULL DEFAULT '{}',
        read_at INTEGER NOT NULL,
        PRIMARY KEY (agent_id, path)
      ) WITHOUT ROWID;

      CREATE TABLE value (
        agent_id INTEGER NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        value TEXT NOT NULL,
        read_at INTEGER NOT NULL,
        PRIMARY KEY (agent_id, path)
      ) WITHOUT ROWID;

      CREATE TABLE notification (
        id INTEGER PRIMARY KEY,
        endpoint_id TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        msg_id TEXT NOT NULL,
        subscription_id TEXT NOT NULL,
        send_resp INTEGER NOT NULL,
        kind TEXT NOT NULL,
        path TEXT NOT NULL,
        detail TEXT NOT NULL
      );
      CREATE INDEX notification_endpoint ON notification(endpoint_id, id);
      CREATE INDEX notification_received ON notification(received_at);

      CREATE TABLE trace (
        id INTEGER PRIMARY KEY,
        endpoint_id TEXT,
        direction TEXT NOT NULL,
        at INTEGER NOT NULL,
        transport_id TEXT,
        mtp TEXT,
        record_type TEXT,
        record_version TEXT,
        from_id TEXT NOT NULL,
        to_id TEXT NOT NULL,
        msg_id TEXT,
        msg_type TEXT,
        bytes BLOB NOT NULL,
        summary TEXT NOT NULL,
        decode_error TEXT,
        latency_ms INTEGER
      );
      CREATE INDEX trace_endpoint ON trace(endpoint_id, id);
      CREATE INDEX trace_msg ON trace(endpoint_id, msg_id, direction);

      CREATE TABLE operation (
        id INTEGER PRIMARY KEY,
        endpoint_id TEXT NOT NULL,
        command TEXT NOT NULL,
        command_key TEXT NOT NULL,
        request_path TEXT,
        status TEXT NOT NULL,
        input_args TEXT NOT NULL,
        output_args TEXT,
        err_code INTEGER,
        err_msg TEXT,
        started_at INTEGER NOT NULL,
        completed_at INTEGER
      );
      CREATE INDEX operation_endpoint ON operation(endpoint_id, id);
      CREATE INDEX operation_key ON operation(endpoint_id, command_key);

      CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;

      CREATE TABLE connection_profile (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        config TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        endpoint_id TEXT,
        action TEXT NOT NULL,
        path TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        result TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX audit_endpoint ON audit(endpoint_id, id);

      CREATE TABLE job (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        params TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE job_agent (
        job_id TEXT NOT NULL REFERENCES job(id) ON DELETE CASCADE,
        endpoint_id TEXT NOT NULL,
        state TEXT NOT NULL,
        detail TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (job_id, endpoint_id)
      ) WITHOUT ROWID;
    `);
  },
};
