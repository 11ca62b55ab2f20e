import type { Db } from './db.js';

/** NOTIFY channels: a new store revision (payload: the revision), and a change to users, sessions or tokens. */
export const REVISION_CHANNEL = 'hpconf_revision';
export const AUTH_CHANNEL = 'hpconf_auth';
/** A change request moved (approved, commented, applied...): payload its id. Values do not move, so no revision does. */
export const REQUEST_CHANNEL = 'hpconf_request';

/**
 * The store's revision, known in memory: this process's own commits bump it at once, other
 * processes' commits arrive by LISTEN/NOTIFY (sent in the writing transaction, so delivered at its
 * commit), and one slow safety poll per process covers a dropped connection. Subscribers (live
 * streams, caches) are told on every change; nothing polls per request or per stream.
 * Started only by long-running processes (the Console): a one-shot CLI never LISTENs.
 */
export function revisionFeed(db: Db, o: { safetyPollMs?: number } = {}) {
  let head = -1;
  let started: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const offs: (() => Promise<void>)[] = [];
  const revisionSubs = new Set<(revision: number) => void>();
  const authSubs = new Set<() => void>();
  const requestSubs = new Set<(id: number) => void>();
  const requestMoved = (id: number) => { for (const fn of requestSubs) fn(id); };

  const set = (revision: number) => {
    if (!Number.isFinite(revision) || revision <= head) return;
    head = revision;
    for (const fn of revisionSubs) fn(revision);
  };
  const queryHead = async () => Number((await db.query<{ r: unknown }>('SELECT coalesce(max(revision), 0) AS r FROM hp_change')).rows[0].r);

  async function start(): Promise<void> {
    offs.push(await db.listen(REVISION_CHANNEL, (p) => set(Number(p))));
    offs.push(await db.listen(AUTH_CHANNEL, () => { for (const fn of authSubs) fn(); }));
    offs.push(await db.listen(REQUEST_CHANNEL, (p) => requestMoved(Number(p))));
    // Back from a lost connection: what moved meanwhile is read at once, not at the next safety poll.
    const offResync = db.onResync?.(() => {
      queryHead().then(set, () => {});
      for (const fn of authSubs) fn();
    });
    if (offResync) offs.push(async () => offResync());
    set(await queryHead());
    timer = setInterval(() => { queryHead().then(set, () => {}); }, o.safetyPollMs ?? 5000);
    timer.unref();
  }

  return {
    /** Start listening (idempotent); resolves once the revision is known. */
    ready: () => (started ??= start()),
    /** The last revision known (after ready()). */
    current: () => head,
    /** This process committed `revision`. */
    bump: set,
    subscribe(fn: (revision: number) => void): () => void {
      revisionSubs.add(fn);
      return () => { revisionSubs.delete(fn); };
    },
    /** Users, sessions or tokens changed in some process: drop cached lookups. */
    onAuthChange(fn: () => void): () => void {
      authSubs.add(fn);
      return () => { authSubs.delete(fn); };
    },
    notifyAuthChanged: () => { for (const fn of authSubs) fn(); },
    /** A change request moved, in some process (this one's own moves are told at once too). */
    onRequest(fn: (id: number) => void): () => void {
      requestSubs.add(fn);
      return () => { requestSubs.delete(fn); };
    },
    requestMoved,
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      await Promise.all(offs.splice(0).map((off) => off().catch(() => {})));
    },
  };
}

export type RevisionFeed = ReturnType<typeof revisionFeed>;
