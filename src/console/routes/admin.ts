import { z } from 'zod';
import * as R from '../responses.js';
import { HpconfError } from '../../errors/registry.js';
import { body, principal, type RouteDef } from '../http.js';
import { S, pathId, strict } from '../schemas.js';

const Username = z.string().regex(/^[a-z0-9][a-z0-9._@-]{1,62}$/, 'lower-case letters, digits, . _ @ - (2 to 63)');
const Role = z.enum(['viewer', 'operator', 'admin']);
const NewUser = strict({ username: Username, password: S.secret(1024).min(12), role: Role });
const PatchUser = strict({
  role: Role.optional(), disabled: z.boolean().optional(), password: S.secret(1024).min(12).optional(),
  resetTotp: z.literal(true).optional(), approver: z.boolean().optional().describe('whether the user\'s approvals count (a provider\'s user gets it from the claim at each sign-in)'),
});
const NewToken = strict({ name: S.text(100).min(1), scope: z.enum(['read', 'write']), expiresInDays: z.number().int().min(1).max(3650).optional() });

export const adminRoutes: RouteDef[] = [
  { method: 'get', path: '/users', operationId: 'listUsers', response: R.Users, action: 'admin', tag: 'admin', summary: 'List users', handler: async (c, d) => c.json({ items: await d.auth.listUsers() }) },
  {
    method: 'post', path: '/users', operationId: 'createUser', response: R.Created, status: 201, action: 'admin', tag: 'admin', summary: 'Create a user (must change the password at first sign-in)', body: NewUser,
    handler: async (c, d) => {
      const b = body<z.infer<typeof NewUser>>(c);
      if (await d.auth.findUser(b.username)) throw new HpconfError('HPC_USAGE', { details: `user "${b.username}" exists` });
      await d.auth.createUser(b.username, b.password, b.role, true);
      return c.json({ ok: true, username: b.username, role: b.role }, 201);
    },
  },
  {
    method: 'patch', path: '/users/:username', operationId: 'updateUser', response: R.Ok, action: 'admin', tag: 'admin',
    summary: 'Change a role, disable or re-enable, reset a password (one-time: the user must replace it) or a lost second factor; closes the user\'s sessions', body: PatchUser,
    handler: async (c, d) => {
      const name = c.req.param('username')!;
      const b = body<z.infer<typeof PatchUser>>(c);
      if (name === principal(c).name && (b.disabled || (b.role && b.role !== 'admin'))) throw new HpconfError('HPC_USAGE', { details: 'an admin cannot demote or disable themselves' });
      const ok = await d.auth.updateUser(name, { role: b.role, disabled: b.disabled, password: b.password, mustChange: b.password ? true : undefined, totpOff: b.resetTotp, approver: b.approver });
      if (!ok) throw new HpconfError('HPC_NOT_FOUND', { what: `user "${name}"` });
      return c.json({ ok: true });
    },
  },
  { method: 'get', path: '/tokens', operationId: 'listTokens', response: R.Tokens, action: 'admin', tag: 'admin', summary: 'List API tokens (never their secret), with expiry, last use and whether they still act', handler: async (c, d) => c.json({ items: await d.auth.listTokens() }) },
  {
    method: 'post', path: '/tokens', operationId: 'createToken', response: R.TokenCreated, status: 201, action: 'admin', tag: 'admin',
    summary: 'Create an API token with read or write scope; the secret is shown once. It stops acting if its creator is disabled or stops being an admin', body: NewToken,
    handler: async (c, d) => {
      const b = body<z.infer<typeof NewToken>>(c);
      const p = principal(c);
      const expires = b.expiresInDays ? new Date(Date.now() + b.expiresInDays * 86400_000) : undefined;
      const t = await d.auth.createToken(b.name, b.scope, { name: p.name, userId: p.userId }, expires);
      return c.json({ id: t.id, name: b.name, scope: b.scope, token: t.token, expiresAt: expires?.toISOString() ?? null }, 201);
    },
  },
  {
    method: 'delete', path: '/tokens/:id', operationId: 'revokeToken', response: R.Ok, action: 'admin', tag: 'admin', summary: 'Revoke an API token',
    handler: async (c, d) => {
      const id = pathId(c.req.param('id'));
      if (id === undefined || !(await d.auth.revokeToken(id))) throw new HpconfError('HPC_NOT_FOUND', { what: `token ${c.req.param('id')}` });
      return c.json({ ok: true });
    },
  },
];
