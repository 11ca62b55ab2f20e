/** Runs in the store (migration 10): record a run once (again by collect: its studies replaced), list and read them. */
import { HpconfError } from '../errors/registry.js';
import type { Store } from '../store/store.js';
import type { RunRecord, StudyRecord } from './record.js';

export interface RunSummary {
  id: string; environment: string; revision: number; createdAt: string; recordedBy: string; timeframe: string;
  models: string[]; tokens: string[]; wallSeconds: number; dir: string;
  skillPass: boolean; f1Pass: boolean; deciding: string;
  /** Studies finished, and those with skill on test (both lower bounds above 0). */
  studies: number; withSkill: number;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const num = (v: unknown) => Number(v);
const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

export function runs(store: Store) {
  const db = store.db;

  /** Record a run; the same run recorded again (collect) replaces its studies. A run id names one run: another environment or revision is refused. */
  async function record(r: RunRecord, by: string): Promise<{ created: boolean }> {
    if (!RUN_ID.test(r.id)) throw new HpconfError('HPC_USAGE', { details: `run id "${r.id}": letters, digits, . _ - (at most 64)` });
    if (!Number.isInteger(r.revision) || r.revision < 0) throw new HpconfError('HPC_USAGE', { details: `run ${r.id}: revision ${r.revision} is not a revision` });
    return db.transaction(async (tx) => {
      const env = await tx.query('SELECT 1 FROM hp_environment WHERE name = $1', [r.environment]);
      if (!env.rows.length) throw new HpconfError('HPC_ENVIRONMENT_UNKNOWN', { environment: r.environment, hint: '', known: '(see hpconf environment list)' });
      const head = num((await tx.query<{ h: unknown }>('SELECT coalesce(max(revision), 0) AS h FROM hp_change')).rows[0].h);
      if (r.revision > head) throw new HpconfError('HPC_REVISION_UNKNOWN', { revision: r.revision, head });
      const row = [r.id, r.environment, r.revision, r.createdAt, by, r.timeframe, r.models, r.tokens, r.dir, r.studyStorage, r.dataDir, r.label, r.wallSeconds,
        JSON.stringify(r.gates), JSON.stringify(r.layers), JSON.stringify(r.configured)];
      // Insert first: two recorders of a new run meet on the primary key (the second waits, then finds the row).
      const created = (await tx.query(`INSERT INTO hp_run (id, environment, revision, created_at, recorded_by, timeframe, models, tokens, dir, study_storage, data_dir, label,
          wall_seconds, gates, layers, configured) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
          ON CONFLICT (id) DO NOTHING RETURNING id`, row)).rows.length > 0;
      if (!created) {
        // Recorded before (or just now by another process): locked, checked to be the same run, then replaced.
        const known = (await tx.query<{ environment: string; revision: unknown }>('SELECT environment, revision FROM hp_run WHERE id = $1 FOR UPDATE', [r.id])).rows[0];
        if (known.environment !== r.environment || num(known.revision) !== r.revision) {
          throw new HpconfError('HPC_RUN_CONFLICT', { details: `run ${r.id} is recorded for ${known.environment} at r${num(known.revision)}; this record says ${r.environment} at r${r.revision} (a run id names one run)` });
        }
        await tx.query(`UPDATE hp_run SET created_at = $4, recorded_at = now(), recorded_by = $5, timeframe = $6, models = $7, tokens = $8, dir = $9, study_storage = $10,
          data_dir = $11, label = $12, wall_seconds = $13, gates = $14, layers = $15, configured = $16 WHERE id = $1 AND environment = $2 AND revision = $3`, row);
        await tx.query('DELETE FROM hp_run_study WHERE run_id = $1', [r.id]);
      }
      for (const s of r.studies) {
        await tx.query('INSERT INTO hp_run_study (run_id, model, token, body) VALUES ($1, $2, $3, $4)', [r.id, s.model, s.token, JSON.stringify(s)]);
      }
      return { created };
    });
  }

  function summary(row: Record<string, unknown>): RunSummary {
    const gates = (typeof row.gates === 'string' ? JSON.parse(row.gates) : row.gates) as RunRecord['gates'];
    return {
      id: String(row.id), environment: String(row.environment), revision: num(row.revision), createdAt: iso(row.created_at), recordedBy: String(row.recorded_by),
      timeframe: String(row.timeframe), models: row.models as string[], tokens: row.tokens as string[], wallSeconds: num(row.wall_seconds), dir: String(row.dir),
      skillPass: gates.skill.pass, f1Pass: gates.f1.pass, deciding: gates.deciding, studies: num(row.studies), withSkill: num(row.with_skill),
    };
  }

  /** This environment's runs, newest first; with a model or token, only runs that trained it. */
  async function list(f: { model?: string; token?: string; limit?: number } = {}): Promise<RunSummary[]> {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT r.*, (SELECT count(*) FROM hp_run_study s WHERE s.run_id = r.id AND (s.body->>'ok')::boolean) AS studies,
              (SELECT count(*) FROM hp_run_study s WHERE s.run_id = r.id AND (s.body->'best'->'test'->>'skill')::boolean) AS with_skill
       FROM hp_run r WHERE r.environment = $1 AND ($2::text IS NULL OR $2 = ANY (r.models)) AND ($3::text IS NULL OR $3 = ANY (r.tokens))
       ORDER BY r.created_at DESC, r.id DESC LIMIT $4`,
      [store.environment, f.model?.toUpperCase() ?? null, f.token?.toUpperCase() ?? null, Math.min(Math.max(f.limit ?? 100, 1), 1000)]);
    return rows.map(summary);
  }

  /** One run with its studies, in any environment (a run id is unique in the store); null when unknown. */
  async function get(id: string): Promise<(RunRecord & { recordedBy: string; recordedAt: string }) | null> {
    if (!RUN_ID.test(id)) return null;
    const r = (await db.query<Record<string, unknown>>('SELECT * FROM hp_run WHERE id = $1', [id])).rows[0];
    if (!r) return null;
    const studies = (await db.query<{ body: unknown }>('SELECT body FROM hp_run_study WHERE run_id = $1 ORDER BY model, token', [id])).rows
      .map((x) => (typeof x.body === 'string' ? JSON.parse(x.body) : x.body) as StudyRecord);
    const j = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    return {
      id: String(r.id), environment: String(r.environment), revision: num(r.revision), createdAt: iso(r.created_at), wallSeconds: num(r.wall_seconds),
      timeframe: String(r.timeframe), models: r.models as string[], tokens: r.tokens as string[], dir: String(r.dir), studyStorage: String(r.study_storage),
      dataDir: String(r.data_dir), label: r.label === null ? null : String(r.label), gates: j(r.gates), layers: j(r.layers), configured: j(r.configured),
      studies, recordedBy: String(r.recorded_by), recordedAt: iso(r.recorded_at),
    };
  }

  return { record, list, get };
}
