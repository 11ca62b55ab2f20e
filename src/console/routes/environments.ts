import { z } from 'zod';
import * as R from '../responses.js';
import { actorOf, actorKindOf } from '../auth/principal.js';
import { body, principal, type RouteDef } from '../http.js';
import { S, strict } from '../schemas.js';
import { environments } from '../../store/environments.js';
import { HpconfError } from '../../errors/registry.js';

const Create = strict({ name: S.text(32).min(1), from: S.text(32).optional(), reason: S.reason().optional() });
const Policy = strict({
  approvals: z.number().int().min(0).max(10), approvers: z.array(z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/)).max(100).nullable().default(null),
  reason: S.reason().optional(),
});

export const environmentRoutes: RouteDef[] = [
  {
    method: 'get', path: '/environments', operationId: 'listEnvironments', response: R.Environments, action: 'read', tag: 'environments',
    summary: 'Every environment: its keys, last change, review policy, and whether the legacy row mirrors it',
    handler: async (c, d) => c.json({ items: (await environments(d.store).list()).map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })) }),
  },
  {
    method: 'post', path: '/environments', operationId: 'createEnvironment', response: R.EnvironmentCreated, status: 201, action: 'admin', tag: 'environments', body: Create,
    summary: 'A new environment holding a copy of another\'s values (default: default), as its first change-set',
    handler: async (c, d) => {
      const b = body<z.infer<typeof Create>>(c);
      const p = principal(c);
      const r = await environments(d.store).create(b.name, { actor: actorOf(p), actorKind: actorKindOf(p), from: b.from, reason: b.reason });
      return c.json({ name: b.name, ...r }, 201);
    },
  },
  {
    method: 'put', path: '/environments/:name/policy', operationId: 'setEnvironmentPolicy', response: R.PolicySet, action: 'admin', tag: 'environments', body: Policy,
    summary: 'How many approvals a change needs, and from whom; a Console may tighten a policy, only the store owner (the CLI on the store itself) loosens a protected one',
    handler: async (c, d) => {
      const b = body<z.infer<typeof Policy>>(c);
      const p = principal(c);
      const name = c.req.param('name') ?? '';
      if (!/^[a-z][a-z0-9_-]{0,31}$/.test(name)) throw new HpconfError('HPC_NOT_FOUND', { what: `environment ${name}` });
      const r = await environments(d.store).setPolicy(name, { approvals: b.approvals, approvers: b.approvers }, { actor: actorOf(p), actorKind: actorKindOf(p), reason: b.reason, owner: false });
      const { id: _id, ...shown } = r;
      return c.json({ ...shown, at: r.at.toISOString() });
    },
  },
];
