/** Who is calling: a signed-in user (cookie session) or an API token (Bearer). */
export type Role = 'viewer' | 'operator' | 'admin';
export type Action = 'read' | 'write' | 'admin';

export interface Principal {
  kind: 'user' | 'token';
  name: string;
  role: Role;
  /** Sessions only: the token every state-changing request must echo in X-CSRF-Token. */
  csrf?: string;
  sessionHash?: string;
  userId?: number;
  mustChangePassword?: boolean;
  /** Sessions only: the user has a second factor. */
  totp?: boolean;
  /**
   * The local CLI only (the store owner's process, holding the data directory's secret): the person it names,
   * recorded as `cli:NAME` with actor kind `cli`, exactly as a CLI opening the store itself records it.
   */
  cliActor?: string;
  /** Tokens only: the user who made it (a token acts as that user for approvals, capped by its scope). */
  owner?: { id: number; name: string };
  /** The local CLI's secret (the store owner's machine): operator rights, never an approver. */
  local?: boolean;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const NEEDS: Record<Action, Role> = { read: 'viewer', write: 'operator', admin: 'admin' };

/** The role table: viewer reads; operator also edits; admin also manages users and API tokens. */
export function allowed(role: Role, action: Action): boolean {
  return RANK[role] >= RANK[NEEDS[action]];
}

/** Token scopes map onto roles: read acts as a viewer, write as an operator; no token administers. */
export function tokenRole(scope: 'read' | 'write'): Role {
  return scope === 'write' ? 'operator' : 'viewer';
}

export function actorOf(p: Principal): string {
  return p.cliActor ?? `${p.kind}:${p.name}`;
}

/** The change log's actor kind: `cli` for the local CLI, else the principal's kind. */
export const actorKindOf = (p: Principal): 'user' | 'token' | 'cli' => (p.cliActor ? 'cli' : p.kind);

/** What the local CLI may name itself: `cli:` and the name `--actor` takes (never a user or a token). */
export const CLI_ACTOR = /^cli:[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/;

/** The change-request caller a principal is: approvals count the person (a token is the user who made it). */
export function callerOf(p: Principal): import('../../requests/caller.js').Caller {
  const actor = actorOf(p);
  if (p.local) return { actor, actorKind: actorKindOf(p), canWrite: true, local: true };
  const user = p.kind === 'user' ? (p.userId !== undefined ? { id: p.userId, name: p.name } : undefined) : p.owner;
  return { actor, actorKind: p.kind, user, canWrite: allowed(p.role, 'write'), admin: p.kind === 'user' && p.role === 'admin' };
}
