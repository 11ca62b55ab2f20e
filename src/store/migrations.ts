import { HpconfError } from '../errors/registry.js';
import type { Db, Queryable } from './db.js';

/**
 * Ordered, append-only list: never edit a shipped migration, add the next one. The legacy
 * `ftf_config` row is created only if absent, so an existing database is adopted as it is.
 */
export const MIGRATIONS: { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'store',
    sql: `
CREATE TABLE IF NOT EXISTS ftf_config (
  id integer PRIMARY KEY CHECK (id = 1),
  base_env jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_by text,
  updated_at timestamptz
);
INSERT INTO ftf_config (id, base_env, updated_by, updated_at)
  VALUES (1, '{}'::jsonb, 'hpconf-migration', now()) ON CONFLICT (id) DO NOTHING;

CREATE TABLE hp_changeset (
  id bigserial PRIMARY KEY,
  actor text NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'token', 'cli', 'seed', 'system')),
  reason text NOT NULL DEFAULT '',
  base_revision bigint,
  reverts bigint REFERENCES hp_changeset (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The change log: its revision column is the store's revision counter.
CREATE TABLE hp_change (
  revision bigserial PRIMARY KEY,
  changeset_id bigint NOT NULL REFERENCES hp_changeset (id),
  key text NOT NULL,
  old_value text,
  new_value text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hp_change_key_revision ON hp_change (key, revision);
CREATE INDEX hp_change_changeset ON hp_change (changeset_id);

CREATE TABLE hp_value (
  key text PRIMARY KEY,
  value text NOT NULL,
  revision bigint NOT NULL REFERENCES hp_change (revision),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE FUNCTION hp_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'hpconf: % is append-only; % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER hp_change_append_only BEFORE UPDATE OR DELETE ON hp_change FOR EACH ROW EXECUTE FUNCTION hp_refuse_rewrite();
CREATE TRIGGER hp_change_no_truncate BEFORE TRUNCATE ON hp_change FOR EACH STATEMENT EXECUTE FUNCTION hp_refuse_rewrite();
CREATE TRIGGER hp_changeset_append_only BEFORE UPDATE OR DELETE ON hp_changeset FOR EACH ROW EXECUTE FUNCTION hp_refuse_rewrite();
CREATE TRIGGER hp_changeset_no_truncate BEFORE TRUNCATE ON hp_changeset FOR EACH STATEMENT EXECUTE FUNCTION hp_refuse_rewrite();
`,
  },
  {
    id: 2,
    name: 'console',
    sql: `
CREATE TABLE hp_user (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  totp_secret text,
  totp_enabled boolean NOT NULL DEFAULT false,
  must_change_password boolean NOT NULL DEFAULT false,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Sessions live in the database so several Console processes can serve one store.
CREATE TABLE hp_session (
  id_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES hp_user (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX hp_session_user ON hp_session (user_id);

CREATE TABLE hp_api_token (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  scope text NOT NULL CHECK (scope IN ('read', 'write')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE hp_login_attempt (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  ip text NOT NULL,
  ok boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hp_login_attempt_at ON hp_login_attempt (at);

CREATE TABLE hp_preset (
  name text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9 ._-]{0,62}$'),
  description text NOT NULL DEFAULT '',
  bundle jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    id: 3,
    name: 'fallback reports',
    sql: `
-- Fallbacks reported by SDKs (best effort, never blocking a training): which keys fell back, and where.
CREATE TABLE hp_fallback_report (
  id bigserial PRIMARY KEY,
  key text NOT NULL,
  model text,
  timeframe text,
  param text,
  fallback text NOT NULL,
  reporter text NOT NULL,
  host text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hp_fallback_report_at ON hp_fallback_report (at);
`,
  },
  {
    id: 4,
    name: 'auth hardening',
    sql: `
-- A second factor being enrolled does not replace the active one until it is verified; a code is used once.
ALTER TABLE hp_user ADD COLUMN totp_pending_secret text;
ALTER TABLE hp_user ADD COLUMN totp_last_step bigint;

-- An attempt is recorded (as a failure) before the password is checked, and marked ok after.
-- device: the hash of a known-device cookie, '' for a browser the user never signed in from.
ALTER TABLE hp_login_attempt ADD COLUMN device text NOT NULL DEFAULT '';
CREATE INDEX hp_login_attempt_user ON hp_login_attempt (username, at);
CREATE INDEX hp_login_attempt_ip ON hp_login_attempt (ip, at);

-- Browsers a user signed in from: their failures are counted apart, so strangers cannot lock the owner out.
CREATE TABLE hp_device (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES hp_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now()
);

-- A token lives only as long as its creator is an active admin; it may expire.
ALTER TABLE hp_api_token ADD COLUMN created_by_user_id bigint REFERENCES hp_user (id);
ALTER TABLE hp_api_token ADD COLUMN expires_at timestamptz;
UPDATE hp_api_token t SET created_by_user_id = u.id FROM hp_user u WHERE t.created_by = 'user:' || u.username;

-- Staged changes kept per user on the server, so a reload or another device keeps them.
CREATE TABLE hp_draft (
  user_id bigint NOT NULL REFERENCES hp_user (id),
  key text NOT NULL,
  old_value text,
  value text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE TABLE hp_draft_meta (
  user_id bigint PRIMARY KEY REFERENCES hp_user (id),
  base_revision bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    id: 5,
    name: 'legacy row compression',
    sql: `
-- Every write rewrites the legacy JSONB document; lz4 compresses it several times faster than the
-- default pglz. Builds without lz4 (PGlite) keep pglz.
DO $$ BEGIN
  ALTER TABLE ftf_config ALTER COLUMN base_env SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value OR undefined_object THEN NULL;
END $$;
`,
  },
  {
    id: 6,
    name: 'log integrity',
    sql: `
-- The database, not the writer, dates the log: a back-dated change-set or change is impossible.
-- (The actor is still the application's word: one role serves every user, see the operator guide.)
CREATE FUNCTION hp_stamp_now() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.created_at := now();
  RETURN NEW;
END
$fn$;
CREATE TRIGGER hp_changeset_stamp BEFORE INSERT ON hp_changeset FOR EACH ROW EXECUTE FUNCTION hp_stamp_now();
CREATE TRIGGER hp_change_stamp BEFORE INSERT ON hp_change FOR EACH ROW EXECUTE FUNCTION hp_stamp_now();

-- A value changes only together with its log row: the key's newest change, written by this
-- transaction (dated now()), must say exactly what the value row says.
CREATE FUNCTION hp_value_follows_log() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  k text := CASE WHEN TG_OP = 'DELETE' THEN OLD.key ELSE NEW.key END;
  last hp_change%ROWTYPE;
BEGIN
  SELECT * INTO last FROM hp_change WHERE key = k ORDER BY revision DESC LIMIT 1;
  IF TG_OP = 'DELETE' THEN
    IF last.revision IS NULL OR last.new_value IS NOT NULL OR last.created_at <> now() THEN
      RAISE EXCEPTION 'hpconf: % removed without a change row in this transaction', k USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF last.revision IS NULL OR last.revision <> NEW.revision OR last.new_value IS DISTINCT FROM NEW.value OR last.created_at <> now()
     OR (TG_OP = 'UPDATE' AND NEW.key <> OLD.key) THEN
    RAISE EXCEPTION 'hpconf: hp_value % changed without its change row in this transaction', k USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END
$fn$;
CREATE TRIGGER hp_value_follows_log BEFORE INSERT OR UPDATE OR DELETE ON hp_value FOR EACH ROW EXECUTE FUNCTION hp_value_follows_log();
CREATE TRIGGER hp_value_no_truncate BEFORE TRUNCATE ON hp_value FOR EACH STATEMENT EXECUTE FUNCTION hp_refuse_rewrite();
`,
  },
  {
    id: 7,
    name: 'environments and change requests',
    sql: `
-- Named environments, each a complete set of values in the one change log (its rows carry the environment).
CREATE TABLE hp_environment (
  name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_-]{0,31}$'),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO hp_environment (name, created_by) VALUES ('default', 'hpconf-migration');

-- An environment's review policy, append-only: the newest row is in force, the rows are its audit trail.
-- approvers NULL: any active user with write rights other than the author.
CREATE TABLE hp_policy (
  id bigserial PRIMARY KEY,
  environment text NOT NULL REFERENCES hp_environment (name),
  approvals integer NOT NULL CHECK (approvals BETWEEN 0 AND 10),
  approvers text[] CHECK (approvers IS NULL OR cardinality(approvers) > 0),
  actor text NOT NULL,
  reason text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hp_policy_environment ON hp_policy (environment, id);

-- Store-wide settings: which environment the legacy ftf_config row mirrors.
CREATE TABLE hp_setting (name text PRIMARY KEY, value text NOT NULL);
INSERT INTO hp_setting (name, value) VALUES ('legacy_environment', 'default');

ALTER TABLE hp_changeset ADD COLUMN environment text NOT NULL DEFAULT 'default' REFERENCES hp_environment (name);
ALTER TABLE hp_changeset ALTER COLUMN environment DROP DEFAULT;
-- Written directly by the store owner past the environment's policy (logged, shown in the change log).
ALTER TABLE hp_changeset ADD COLUMN break_glass boolean NOT NULL DEFAULT false;
ALTER TABLE hp_change ADD COLUMN environment text NOT NULL DEFAULT 'default' REFERENCES hp_environment (name);
DROP INDEX hp_change_key_revision;
CREATE INDEX hp_change_env_key_revision ON hp_change (environment, key, revision);

-- A change takes its change-set's environment: the two cannot disagree.
CREATE OR REPLACE FUNCTION hp_stamp_now() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.created_at := now();
  IF TG_TABLE_NAME = 'hp_change' THEN
    SELECT environment INTO STRICT NEW.environment FROM hp_changeset WHERE id = NEW.changeset_id;
  END IF;
  RETURN NEW;
END
$fn$;

ALTER TABLE hp_value ADD COLUMN environment text NOT NULL DEFAULT 'default' REFERENCES hp_environment (name);
ALTER TABLE hp_value ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE hp_value DROP CONSTRAINT hp_value_pkey;
ALTER TABLE hp_value ADD PRIMARY KEY (environment, key);

CREATE OR REPLACE FUNCTION hp_value_follows_log() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  k text := CASE WHEN TG_OP = 'DELETE' THEN OLD.key ELSE NEW.key END;
  e text := CASE WHEN TG_OP = 'DELETE' THEN OLD.environment ELSE NEW.environment END;
  last hp_change%ROWTYPE;
BEGIN
  SELECT * INTO last FROM hp_change WHERE environment = e AND key = k ORDER BY revision DESC LIMIT 1;
  IF TG_OP = 'DELETE' THEN
    IF last.revision IS NULL OR last.new_value IS NOT NULL OR last.created_at <> now() THEN
      RAISE EXCEPTION 'hpconf: % removed without a change row in this transaction', k USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF last.revision IS NULL OR last.revision <> NEW.revision OR last.new_value IS DISTINCT FROM NEW.value OR last.created_at <> now()
     OR (TG_OP = 'UPDATE' AND (NEW.key <> OLD.key OR NEW.environment <> OLD.environment)) THEN
    RAISE EXCEPTION 'hpconf: hp_value % changed without its change row in this transaction', k USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END
$fn$;

-- A change request: a proposed change-set for one environment. Its keys are kept per version (an edit is a
-- new version, and approvals are of one version: an edit voids them). min_approvals and approvers are the
-- policy when it was opened, so a later policy change does not approve old requests.
CREATE TABLE hp_change_request (
  id bigserial PRIMARY KEY,
  environment text NOT NULL REFERENCES hp_environment (name),
  author text NOT NULL,
  author_kind text NOT NULL CHECK (author_kind IN ('user', 'token', 'cli', 'system')),
  author_user_id bigint REFERENCES hp_user (id),
  reason text NOT NULL CHECK (reason <> ''),
  state text NOT NULL CHECK (state IN ('draft', 'open', 'approved', 'applied', 'rejected', 'scheduled', 'suspended', 'closed')),
  version integer NOT NULL DEFAULT 1,
  base_revision bigint NOT NULL,
  min_approvals integer NOT NULL CHECK (min_approvals >= 1),
  approvers text[],
  -- Unsets of required keys were proposed knowingly (coverage would drop): shown to every reviewer.
  force boolean NOT NULL DEFAULT false,
  scheduled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hp_change_request_state ON hp_change_request (state, environment);
CREATE TABLE hp_cr_item (
  cr_id bigint NOT NULL REFERENCES hp_change_request (id),
  version integer NOT NULL,
  key text NOT NULL,
  old_value text,
  new_value text,
  PRIMARY KEY (cr_id, version, key)
);
-- One approval per person and version is a constraint, not application code.
CREATE TABLE hp_cr_approval (
  cr_id bigint NOT NULL REFERENCES hp_change_request (id),
  version integer NOT NULL,
  user_id bigint NOT NULL REFERENCES hp_user (id),
  actor text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cr_id, version, user_id)
);
-- Everything that happened to a request (comments included), append-only.
CREATE TABLE hp_cr_event (
  id bigserial PRIMARY KEY,
  cr_id bigint NOT NULL REFERENCES hp_change_request (id),
  kind text NOT NULL,
  version integer NOT NULL,
  actor text NOT NULL,
  body text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hp_cr_event_cr ON hp_cr_event (cr_id, id);
-- A request applies once: at most one change-set names it, whatever the number of Consoles and callers.
ALTER TABLE hp_changeset ADD COLUMN change_request bigint REFERENCES hp_change_request (id);
CREATE UNIQUE INDEX hp_changeset_one_per_request ON hp_changeset (change_request) WHERE change_request IS NOT NULL;

-- Notifications: what happened is written by the transaction that made it happen (nothing is lost), and the
-- database gives each live webhook that wants it a delivery, retried with backoff until it succeeds or gives up.
CREATE TABLE hp_webhook (
  id bigserial PRIMARY KEY,
  url text NOT NULL,
  secret text NOT NULL,
  events text[],
  allow_private boolean NOT NULL DEFAULT false,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);
CREATE TABLE hp_event (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  environment text,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE hp_webhook_delivery (
  webhook_id bigint NOT NULL REFERENCES hp_webhook (id),
  event_id bigint NOT NULL REFERENCES hp_event (id),
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_at timestamptz NOT NULL DEFAULT now(),
  last_status integer,
  last_error text,
  delivered_at timestamptz,
  PRIMARY KEY (webhook_id, event_id)
);
CREATE INDEX hp_webhook_delivery_due ON hp_webhook_delivery (next_at) WHERE state = 'pending';
CREATE FUNCTION hp_event_fanout() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO hp_webhook_delivery (webhook_id, event_id)
    SELECT id, NEW.id FROM hp_webhook WHERE removed_at IS NULL AND (events IS NULL OR NEW.kind = ANY (events));
  RETURN NEW;
END
$fn$;
CREATE TRIGGER hp_event_fanout AFTER INSERT ON hp_event FOR EACH ROW EXECUTE FUNCTION hp_event_fanout();
CREATE TRIGGER hp_event_stamp BEFORE INSERT ON hp_event FOR EACH ROW EXECUTE FUNCTION hp_stamp_now();

-- Staged changes are for one environment: the draft says which (the Console switches to it on load).
ALTER TABLE hp_draft_meta ADD COLUMN environment text NOT NULL DEFAULT 'default' REFERENCES hp_environment (name);

CREATE TRIGGER hp_policy_append_only BEFORE UPDATE OR DELETE ON hp_policy FOR EACH ROW EXECUTE FUNCTION hp_refuse_rewrite();
CREATE TRIGGER hp_policy_no_truncate BEFORE TRUNCATE ON hp_policy FOR EACH STATEMENT EXECUTE FUNCTION hp_refuse_rewrite();
CREATE TRIGGER hp_policy_stamp BEFORE INSERT ON hp_policy FOR EACH ROW EXECUTE FUNCTION hp_stamp_now();
CREATE TRIGGER hp_cr_event_append_only BEFORE UPDATE OR DELETE ON hp_cr_event FOR EACH ROW EXECUTE FUNCTION hp_refuse_rewrite();
CREATE TRIGGER hp_cr_event_no_truncate BEFORE TRUNCATE ON hp_cr_event FOR EACH STATEMENT EXECUTE FUNCTION hp_refuse_rewrite();
CREATE TRIGGER hp_cr_event_stamp BEFORE INSERT ON hp_cr_event FOR EACH ROW EXECUTE FUNCTION hp_stamp_now();
CREATE TRIGGER hp_cr_approval_append_only BEFORE UPDATE OR DELETE ON hp_cr_approval FOR EACH ROW EXECUTE FUNCTION hp_refuse_rewrite();
CREATE TRIGGER hp_cr_approval_stamp BEFORE INSERT ON hp_cr_approval FOR EACH ROW EXECUTE FUNCTION hp_stamp_now();
CREATE TRIGGER hp_cr_item_append_only BEFORE UPDATE OR DELETE ON hp_cr_item FOR EACH ROW EXECUTE FUNCTION hp_refuse_rewrite();
`,
  },
  {
    id: 8,
    name: 'single sign-on and recovery codes',
    sql: `
-- A user signed in through an OpenID Connect provider is its (issuer, subject); e-mail-like names are allowed.
ALTER TABLE hp_user DROP CONSTRAINT hp_user_username_check;
ALTER TABLE hp_user ADD CONSTRAINT hp_user_username_check CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{1,62}$');
ALTER TABLE hp_user ADD COLUMN oidc_issuer text;
ALTER TABLE hp_user ADD COLUMN oidc_subject text;
-- Whether this user's approvals count (set from a claim at each single sign-on; an admin sets it for local users).
ALTER TABLE hp_user ADD COLUMN approver boolean NOT NULL DEFAULT true;
CREATE UNIQUE INDEX hp_user_oidc ON hp_user (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- Recovery codes for a lost authenticator: only their hashes are kept; a code is spent by the UPDATE that marks it.
CREATE TABLE hp_recovery_code (
  user_id bigint NOT NULL REFERENCES hp_user (id),
  code_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- A sign-in in flight at the provider: one row per state, taken once (DELETE ... RETURNING) by the callback.
CREATE TABLE hp_oidc_flow (
  state_hash text PRIMARY KEY,
  verifier text NOT NULL,
  nonce text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    id: 9,
    name: 'segments',
    sql: `
-- Segments: an override's address is KEY@SEGMENT (a token, or group:NAME), a group's definition the address
-- group:NAME; they live beside the base values, in the same change log. The segment is a column of every value
-- and change ('' for the base; a definition's own address for a definition), so a read of the base is one filter.
ALTER TABLE hp_value ADD COLUMN segment text NOT NULL GENERATED ALWAYS AS
  (CASE WHEN strpos(key, '@') > 0 THEN substr(key, strpos(key, '@') + 1) WHEN key LIKE 'group:%' THEN key ELSE '' END) STORED;
ALTER TABLE hp_change ADD COLUMN segment text NOT NULL GENERATED ALWAYS AS
  (CASE WHEN strpos(key, '@') > 0 THEN substr(key, strpos(key, '@') + 1) WHEN key LIKE 'group:%' THEN key ELSE '' END) STORED;
CREATE INDEX hp_value_layered ON hp_value (environment, segment) WHERE segment <> '';
`,
  },
  {
    id: 10,
    name: 'runs',
    sql: `
-- Runs: which store state (environment, revision) trained which models, and how well. One row per run and one per
-- study; a run is recorded by ftf run (or again by ftf collect, which replaces its studies). The figures are
-- JSON as the harness measured them: the defaults trial and the best trial, with their bootstrap intervals.
CREATE TABLE hp_run (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  environment text NOT NULL REFERENCES hp_environment (name),
  revision bigint NOT NULL,
  created_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by text NOT NULL,
  timeframe text NOT NULL,
  models text[] NOT NULL,
  tokens text[] NOT NULL,
  dir text NOT NULL,
  study_storage text NOT NULL,
  data_dir text NOT NULL,
  label text,
  wall_seconds double precision NOT NULL,
  gates jsonb NOT NULL,
  layers jsonb NOT NULL,
  configured jsonb NOT NULL
);
CREATE INDEX hp_run_by_time ON hp_run (environment, created_at DESC);
-- A change request may carry evidence (ftf promote: the run, and per study the best trial against the defaults).
ALTER TABLE hp_change_request ADD COLUMN evidence jsonb;
CREATE TABLE hp_run_study (
  run_id text NOT NULL REFERENCES hp_run (id) ON DELETE CASCADE,
  model text NOT NULL,
  token text NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (run_id, model, token)
);
`,
  },
  {
    id: 11,
    name: 'legacy row as a view',
    sql: `
-- The legacy row of a store hpconf made itself is a view over the values: a write no longer rewrites the whole
-- base_env document (4 MB at 100,000 keys, 40-60 ms a write). Only where nobody else can depend on the table: no
-- change yet, the row and the table as migration 1 left them. A table adopted from a legacy system stays a table,
-- kept in step by every write as before (store.ts). Other tools' keys live in hp_legacy_row; a legacy UPDATE of
-- ftf_config keeps working for them (an INSTEAD OF trigger), and is refused for a key hpconf keeps.
DO $do$
BEGIN
  IF (SELECT relkind FROM pg_class WHERE oid = to_regclass('ftf_config')) = 'r'
     AND NOT EXISTS (SELECT 1 FROM hp_change)
     AND (SELECT count(*) FROM ftf_config) = 1
     AND EXISTS (SELECT 1 FROM ftf_config WHERE id = 1 AND base_env = '{}'::jsonb AND updated_by = 'hpconf-migration')
     AND (SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('ftf_config') AND attnum > 0 AND NOT attisdropped) = 4
  THEN
    ALTER TABLE ftf_config RENAME TO hp_legacy_row;
    CREATE VIEW ftf_config AS
      SELECT r.id,
             r.base_env || coalesce((SELECT jsonb_object_agg(v.key, v.value) FROM hp_value v
                                     WHERE v.environment = (SELECT value FROM hp_setting WHERE name = 'legacy_environment') AND v.segment = ''), '{}'::jsonb) AS base_env,
             coalesce((SELECT CASE WHEN r.updated_at IS NULL OR s.created_at >= r.updated_at THEN s.actor END
                       FROM hp_change ch JOIN hp_changeset s ON s.id = ch.changeset_id
                       WHERE ch.environment = (SELECT value FROM hp_setting WHERE name = 'legacy_environment') AND ch.segment = ''
                       ORDER BY ch.revision DESC LIMIT 1), r.updated_by) AS updated_by,
             greatest(r.updated_at, (SELECT s.created_at FROM hp_change ch JOIN hp_changeset s ON s.id = ch.changeset_id
                       WHERE ch.environment = (SELECT value FROM hp_setting WHERE name = 'legacy_environment') AND ch.segment = ''
                       ORDER BY ch.revision DESC LIMIT 1)) AS updated_at
      FROM hp_legacy_row r;
  END IF;
END
$do$;

CREATE FUNCTION hp_legacy_row_write() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  owned text[];
  k text;
  gone text[];
  put jsonb;
BEGIN
  SELECT coalesce(array_agg(key), '{}') INTO owned FROM hp_value
   WHERE environment = (SELECT value FROM hp_setting WHERE name = 'legacy_environment') AND segment = '';
  SELECT x INTO k FROM unnest(owned) x WHERE (NEW.base_env -> x) IS DISTINCT FROM (OLD.base_env -> x) LIMIT 1;
  IF k IS NOT NULL THEN
    RAISE EXCEPTION 'hpconf: % is kept by hpconf (hp_value); change it with hpconf set or in the Console, not in ftf_config', k USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.id IS DISTINCT FROM OLD.id THEN RAISE EXCEPTION 'hpconf: ftf_config has one row, id 1' USING ERRCODE = 'check_violation'; END IF;
  -- What this statement changed, applied to the row as it is once locked (not NEW as a whole, read before the
  -- lock): two legacy writers at the same instant both keep their keys, as they would on a table.
  SELECT coalesce(array_agg(o), '{}') INTO gone FROM jsonb_object_keys(OLD.base_env) o WHERE NOT (NEW.base_env ? o);
  SELECT coalesce(jsonb_object_agg(n.key, n.value), '{}'::jsonb) INTO put FROM jsonb_each(NEW.base_env) n
   WHERE NOT (n.key = ANY(owned)) AND (OLD.base_env -> n.key) IS DISTINCT FROM n.value;
  UPDATE hp_legacy_row SET base_env = (base_env - gone) || put, updated_by = NEW.updated_by, updated_at = NEW.updated_at WHERE id = OLD.id;
  RETURN NEW;
END
$fn$;
DO $do$ BEGIN
  IF (SELECT relkind FROM pg_class WHERE oid = to_regclass('ftf_config')) = 'v' THEN
    CREATE TRIGGER ftf_config_write INSTEAD OF UPDATE ON ftf_config FOR EACH ROW EXECUTE FUNCTION hp_legacy_row_write();
  END IF;
END $do$;
`,
  },
];

async function pending(db: Queryable): Promise<number[] | undefined> {
  const { rows } = await db.query<{ t: string | null }>("SELECT to_regclass('hpconf_migration')::text AS t");
  if (!rows[0].t) return undefined;
  const done = new Set((await db.query<{ id: number }>('SELECT id FROM hpconf_migration')).rows.map((r) => Number(r.id)));
  return MIGRATIONS.filter((m) => !done.has(m.id)).map((m) => m.id);
}

/**
 * Apply pending migrations in one transaction, serialised across processes by an advisory lock.
 * An up-to-date schema is only read, so the Console can run as an application role that may not
 * change it; such a role meeting a pending migration is told to run `hpconf migrate` as the owner.
 */
export async function migrate(db: Db): Promise<number[]> {
  const todo = await pending(db);
  if (todo && !todo.length) return [];
  try {
    return await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(8146020731)');
      await tx.query('CREATE TABLE IF NOT EXISTS hpconf_migration (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      const done = new Set((await tx.query<{ id: number }>('SELECT id FROM hpconf_migration')).rows.map((r) => Number(r.id)));
      const applied: number[] = [];
      for (const m of MIGRATIONS) {
        if (done.has(m.id)) continue;
        await tx.exec(m.sql);
        await tx.query('INSERT INTO hpconf_migration (id, name) VALUES ($1, $2)', [m.id, m.name]);
        applied.push(m.id);
      }
      return applied;
    });
  } catch (e) {
    if ((e as { code?: string }).code === '42501') { // insufficient_privilege: not the owner
      throw new HpconfError('HPC_MIGRATION_REQUIRED', { pending: todo ? `migration(s) ${todo.join(', ')} pending` : 'no schema yet', details: (e as Error).message });
    }
    throw e;
  }
}

/** Tables the application role reads and writes; the two logs it may only append to. */
const APPEND_ONLY = ['hp_change', 'hp_changeset', 'hp_policy', 'hp_cr_event', 'hp_cr_approval', 'hp_cr_item', 'hp_environment'];
const READ_WRITE = ['hp_value', 'hp_user', 'hp_session', 'hp_api_token', 'hp_login_attempt', 'hp_preset', 'hp_fallback_report', 'hp_device', 'hp_draft', 'hp_draft_meta', 'hp_change_request', 'hp_setting', 'hp_webhook', 'hp_webhook_delivery', 'hp_event', 'hp_recovery_code', 'hp_oidc_flow', 'hp_run', 'hp_run_study'];

/**
 * Privileges for the role the Console and CLI connect as (not the owner): it cannot ALTER,
 * DISABLE TRIGGER, DROP, TRUNCATE, UPDATE or DELETE the change log, so the log is append-only
 * whatever the application's credentials. Run by the owner after migrating.
 */
export async function grantAppRole(db: Db, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new HpconfError('HPC_USAGE', { details: `--app-role "${role}": a lower-case PostgreSQL role name` });
  const r = `"${role}"`;
  const { rows } = await db.query<{ owner: boolean; exists: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists,
            EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'hp_change' AND tableowner = $1) AS owner`, [role]);
  if (!rows[0].exists) throw new HpconfError('HPC_USAGE', { details: `role "${role}" does not exist: CREATE ROLE ${role} LOGIN PASSWORD '...' first` });
  if (rows[0].owner) throw new HpconfError('HPC_USAGE', { details: `role "${role}" owns the tables: the application role must be another role` });
  const legacyView = (await db.query<{ t: string | null }>("SELECT to_regclass('hp_legacy_row')::text AS t")).rows[0].t !== null;
  await db.transaction(async (tx) => {
    await tx.exec(`
      GRANT USAGE ON SCHEMA public TO ${r};
      GRANT SELECT ON hpconf_migration TO ${r};
      GRANT SELECT, INSERT ON ${APPEND_ONLY.join(', ')} TO ${r};
      GRANT SELECT, UPDATE ON ftf_config TO ${r};
      ${legacyView ? `GRANT SELECT, UPDATE ON hp_legacy_row TO ${r};` : ''}
      GRANT SELECT, INSERT, UPDATE, DELETE ON ${READ_WRITE.join(', ')} TO ${r};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
    `);
  });
}
