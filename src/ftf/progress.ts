/**
 * Progress of a fine-tune run from the workers' `event=trial` lines: one line per trial, a live block in a
 * terminal (one row per running study, a bar, the ETA), and the ETA in every line otherwise.
 */
import { parseLogfmt } from '../observability/logfmt-parse.js';

export interface TrialEvent { model: string; token: string; trial: number; of: number; value: number; best: number; seconds: number; defaults: boolean }

export function parseTrial(line: string): TrialEvent | undefined {
  if (!line.includes('event=trial ')) return undefined;
  const f = parseLogfmt(line);
  if (f.event !== 'trial') return undefined;
  return { model: f.model, token: f.token, trial: Number(f.trial), of: Number(f.of), value: Number(f.value), best: Number(f.best),
    seconds: Number(f.seconds), defaults: f.defaults === 'true' };
}

export function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  s = Math.round(s);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

const SHORT: Record<string, string> = { f1_buy: 'f1', pr_auc: 'pr_auc', logloss: 'logloss' };

export class Progress {
  private done = 0;
  private readonly started = performance.now();
  private readonly studies = new Map<string, { done: number; of: number; best: number }>();
  private drawn = 0;
  private last = 0;
  private readonly pace = new Map<string, { trials: number; seconds: number }>();

  /**
   * @param total trials in the whole run; `perModel` splits it by model type (their trials differ tenfold in cost,
   * CatBoost against XGBoost), `parallel` is how many processes run at once.
   */
  constructor(private readonly total: number, private readonly objective: string,
    private readonly out: (line: string) => void, private readonly tty?: { write(s: string): void; columns: number },
    private readonly perModel?: Record<string, number>, private readonly parallel = 1) {}

  /**
   * Seconds left: each model type's remaining trials at its own mean trial time so far (a model not yet seen
   * at the slowest pace seen), spread over the processes at once; without a split, the overall pace.
   */
  eta(): number {
    if (!this.done) return NaN;
    if (!this.perModel) {
      const elapsed = (performance.now() - this.started) / 1000;
      return (elapsed / this.done) * (this.total - this.done);
    }
    const means = [...this.pace.values()].map((x) => x.seconds / x.trials);
    const slowest = Math.max(...means);
    let work = 0;
    for (const [m, n] of Object.entries(this.perModel)) {
      const p = this.pace.get(m);
      work += (n - (p?.trials ?? 0)) * (p ? p.seconds / p.trials : slowest);
    }
    return work / this.parallel;
  }

  trial(e: TrialEvent): void {
    this.done++;
    const pace = this.pace.get(e.model) ?? { trials: 0, seconds: 0 };
    pace.trials++; pace.seconds += e.seconds;
    this.pace.set(e.model, pace);
    const key = `${e.model} ${e.token}`;
    const s = this.studies.get(key) ?? { done: 0, of: e.of, best: e.best };
    s.done++; s.best = e.best;
    this.studies.set(key, s);
    const name = SHORT[this.objective] ?? this.objective;
    this.line(`[${key}] trial ${e.trial + 1}/${e.of} ${name}=${e.value.toFixed(3)} best=${e.best.toFixed(3)} ${e.seconds.toFixed(1)} s` +
      (e.defaults ? ' (stored defaults)' : '') + (this.tty ? '' : `  [run ${this.done}/${this.total} trials, ETA ${duration(this.eta())}]`));
  }

  /** A study finished (or failed): its row leaves the live block. */
  finished(model: string, token: string): void {
    this.studies.delete(`${model} ${token}`);
    this.redraw(true);
  }

  /** A line above the live block (or plain, without a terminal). */
  line(text: string): void {
    if (!this.tty) return this.out(text);
    this.clear();
    this.tty.write(text + '\n');
    this.redraw(true);
  }

  close(): void { this.clear(); }

  private clear(): void {
    if (this.tty && this.drawn) this.tty.write(`\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
  }

  private redraw(force = false): void {
    if (!this.tty) return;
    const now = performance.now();
    if (!force && now - this.last < 200) return;
    this.last = now;
    this.clear();
    const width = Math.max(20, Math.min(40, this.tty.columns - 40));
    const filled = Math.round((width * this.done) / Math.max(1, this.total));
    const rows = [...this.studies].map(([k, s]) => `  ${k.padEnd(10)} ${String(s.done).padStart(3)}/${s.of} trials  best ${s.best.toFixed(3)}`);
    rows.push(`  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} trials  ETA ${duration(this.eta())}`);
    this.tty.write(rows.map((r) => r.slice(0, this.tty!.columns - 1)).join('\n') + '\n');
    this.drawn = rows.length;
  }
}
