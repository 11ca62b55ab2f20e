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
  return `${p.kind}:${p.name}`;
}
