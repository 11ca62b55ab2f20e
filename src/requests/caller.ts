import type { ActorKind } from '../store/store.js';

/**
 * Who acts on a change request. Approvals count people, not credentials: a session is its user, and an
 * API token acts as the user who made it (capped by its scope), so a second token or session of the author
 * is still the author.
 */
export interface Caller {
  /** As the change log records it: user:alice, token:ci, cli:bob, system:scheduler. */
  actor: string;
  actorKind: ActorKind;
  /** The person behind a session or a token. */
  user?: { id: number; name: string };
  /** May write values: operator or admin, a write-scope token, the CLI. */
  canWrite: boolean;
  /** An admin session (closes anyone's request). */
  admin?: boolean;
  /** The local CLI, on the store itself or through the Console holding it: it never approves. */
  local?: boolean;
}

/** The CLI on the store itself (the store owner's process), as `cli:NAME`. */
export const localCaller = (actor: string): Caller => ({ actor, actorKind: 'cli', canWrite: true, local: true });

export const SCHEDULER: Caller = { actor: 'system:scheduler', actorKind: 'system', canWrite: true };

/** The user name an actor string names, where it names one (user:alice and cli:alice are both alice). */
export function personOf(actor: string): string | undefined {
  const m = /^(?:user|cli):(.+)$/.exec(actor);
  return m?.[1];
}
