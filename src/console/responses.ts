import { z } from 'zod';
import { Evidence } from '../requests/evidence.js';

/**
 * What the API answers, as schemas: the OpenAPI document is generated from them, and the test
 * fixture checks every JSON answer against its route's schema, so the contract cannot drift.
 */
const str = z.string();
const nstr = z.string().nullable();
const int = z.number().int();
const iso = z.string().describe('ISO 8601 time');

export const Ok = z.object({ ok: z.literal(true) });
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('a stable code from spec/errors.json, e.g. HPC_STORE_CONFLICT'),
    message: str,
    detail: z.unknown().optional().describe('structured detail: the conflicts, problems or coverage drop'),
  }),
}).meta({ id: 'Error' });

const Role = z.enum(['viewer', 'operator', 'admin']);
const State = z.enum(['set', 'missing', 'invalid']);

export const KeyRow = z.object({
  key: str, kind: z.enum(['default', 'min', 'max', 'scale', 'global']), model: nstr, timeframe: nstr, param: nstr,
  type: str, domain: str, values: z.array(str).nullable(), secret: z.boolean(),
  native: nstr, aliases: z.array(str), doc: str,
  value: nstr, state: State, revision: int.nullable(), updatedBy: nstr, updatedAt: nstr,
  problems: z.array(str), warnings: z.array(str),
  layer: str.optional().describe('with segment=: the layer giving the value (the segment itself, a group, or base)'),
  base: nstr.optional().describe('with segment=: the base value under the override'),
  own: nstr.optional().describe('with segment=: the segment\'s own override (null where it inherits): what an edit replaces'),
  overrides: z.array(z.object({ segment: str, value: str })).optional().describe('the parameter view: this key\'s overrides, per token or group'),
}).meta({ id: 'KeyRow' });

const Counts = z.object({ set: int, missing: int, invalid: int });
export const KeyPage = z.object({ revision: int, total: int, page: int, pageSize: int, counts: Counts, items: z.array(KeyRow) }).meta({ id: 'KeyPage' });

const Domain = z.object({ min: z.number().optional(), max: z.number().optional(), minExclusive: z.boolean().optional(), maxExclusive: z.boolean().optional(), extra: z.array(z.number()).optional() });
export const ParamRow = z.object({
  model: nstr, timeframe: nstr, param: str, library: nstr, native: nstr, aliases: z.array(str), doc: str, type: str, domain: str,
  domainRaw: Domain.nullable(), logAllowed: z.boolean(), searchable: z.boolean(), state: State,
  cells: z.object({ default: KeyRow, min: KeyRow.optional(), max: KeyRow.optional(), scale: KeyRow.optional() }),
  problems: z.array(str), warnings: z.array(str),
}).meta({ id: 'ParamRow' });
export const ParamPage = z.object({ revision: int, total: int, page: int, pageSize: int, counts: Counts, items: z.array(ParamRow),
  segment: str.optional().describe('the segment shown: cell keys are its addresses (KEY@SEGMENT)') }).meta({ id: 'ParamPage' });

const Applied = z.object({ revision: int, key: str, oldValue: nstr, newValue: nstr });
const Warning = z.object({ key: str, code: str, message: str });
export const WriteResult = z.object({ changesetId: int.nullable(), revision: int, changes: z.array(Applied), warnings: z.array(Warning) }).meta({ id: 'WriteResult' });

const Problem = z.object({ key: str, keys: z.array(str), code: str, message: str });
export const Plan = z.object({
  ok: z.boolean(), revision: int, problems: z.array(Problem), warnings: z.array(Problem),
  changes: z.array(z.object({ key: str, old: nstr, new: nstr })),
  coverage: z.object({ required: int, presentAfter: int, percentAfter: z.number(), unsets: z.array(str) }),
}).meta({ id: 'Plan' });

export const HistoryEntry = z.object({
  revision: int, key: str, oldValue: nstr, newValue: nstr, changesetId: int, actor: str,
  actorKind: z.enum(['user', 'token', 'cli', 'seed', 'system']), reason: str, at: iso, reverts: int.nullable(),
  environment: str, changeRequest: int.nullable(), breakGlass: z.boolean(),
}).meta({ id: 'HistoryEntry' });

export const Health = z.object({ ok: z.literal(true), store: str, revision: int });
export const Login = z.object({ user: z.object({ username: str, role: Role, mustChangePassword: z.boolean(), totp: z.boolean() }), csrf: str });
export const Me = z.object({ kind: z.enum(['user', 'token']), name: str, role: Role, csrf: nstr, mustChangePassword: z.boolean(), totp: z.boolean(),
  recoveryCodesLeft: int.nullable().describe('unused recovery codes, where a second factor is on') });
const Codes = z.array(str).describe('single-use recovery codes, shown this once (only their hashes are kept)');
export const TotpEnabled = z.object({ ok: z.literal(true), recoveryCodes: Codes });
export const RecoveryCodes = z.object({ recoveryCodes: Codes });
export const PasswordChanged = z.object({ ok: z.literal(true), note: str });
export const TotpSetup = z.object({ secret: str, uri: str, qrSvg: str.describe('an SVG image of the otpauth:// URI') });
export const CatalogSummary = z.object({
  version: int, prefix: str, models: z.array(str), timeframes: z.array(str), params: z.record(str, z.array(str)), globals: z.array(str), keys: int,
});
export const Values = z.object({ revision: int, store: str, values: z.record(str, str),
  layers: z.record(str, str).optional().describe('with segment=: the layer of each value that is not the base\'s (the token, or group:NAME)') });
export const Grid = z.object({ revision: int, param: str, part: str, models: z.array(str), timeframes: z.array(str), cells: z.array(KeyRow), segment: str.optional() });
export const Coverage = z.object({
  revision: int, required: int, valid: int, percent: z.number(), complete: z.boolean(), missing: z.array(str), invalid: z.array(str),
  warnings: z.array(z.object({ key: str, message: str })),
});
export const Changes = z.object({ items: z.array(HistoryEntry), nextBefore: int.nullable() });
export const ChangesetList = z.object({
  items: z.array(z.object({ id: int, actor: str, actorKind: str, reason: str, at: iso, reverts: int.nullable(), keys: int, revision: int, firstKeys: z.array(str),
    environment: str, changeRequest: int.nullable().describe('the change request it applied'), breakGlass: z.boolean().describe('written by the store owner past the review policy'),
    approvedBy: z.array(str).describe('who approved that request') })),
  nextBefore: int.nullable(),
});
export const Changeset = z.object({ id: int, actor: str, actorKind: str, reason: str, at: iso, reverts: int.nullable(), changes: z.array(HistoryEntry) });
export const RevertPreview = Plan.extend({ changesetId: int, actor: str, actorKind: str, reason: str, at: iso, seed: z.boolean() });
const PresetInfo = z.object({ name: str, description: str, builtin: z.boolean(), createdBy: str });
export const Presets = z.object({ items: z.array(PresetInfo) });
export const Preset = PresetInfo.extend({ bundle: z.unknown() });
export const Created = z.object({ ok: z.literal(true), name: str.optional(), username: str.optional(), role: Role.optional() });
export const PresetPreview = z.object({ revision: int, changes: z.array(z.object({ key: str, old: nstr, new: nstr })) });
export const Users = z.object({
  items: z.array(z.object({ id: int, username: str, role: Role, totp_enabled: z.boolean(), must_change_password: z.boolean(), disabled: z.boolean(), created_at: z.unknown(), last_sign_in: z.unknown(),
    approver: z.boolean().describe('whether this user\'s approvals count'), sso: z.boolean().describe('signs in through the identity provider') })),
});
export const Tokens = z.object({
  items: z.array(z.object({ id: int, name: str, scope: z.enum(['read', 'write']), created_by: str, created_at: z.unknown(), last_used_at: z.unknown(), revoked_at: z.unknown(), expires_at: z.unknown(), active: z.boolean() })),
});
export const TokenCreated = z.object({ id: int, name: str, scope: z.enum(['read', 'write']), token: str.describe('shown once'), expiresAt: nstr });
export const Fallbacks = z.object({
  days: int, items: z.array(z.object({ key: str, model: nstr, timeframe: nstr, param: nstr, count: int, last: iso, reporters: z.array(str), hosts: z.array(str) })),
});
export const Draft = z.object({ baseRevision: int.nullable(), environment: nstr.describe('the environment the staged changes are for'), items: z.array(z.object({ key: str, old: nstr, value: nstr })) });
export const DraftSaved = z.object({ ok: z.literal(true), count: int });

const Item = z.object({ key: str, old: nstr, new: nstr });
const RequestStateE = z.enum(['draft', 'open', 'approved', 'applied', 'rejected', 'scheduled', 'suspended', 'closed']);
export const ChangeRequest = z.object({
  id: int, environment: str, author: str, reason: str, state: RequestStateE, version: int, baseRevision: int,
  need: int.describe('approvals it needs now: the larger of its own count (the policy when it opened) and the policy now'),
  have: int.describe('valid approvals of the current version (by active writers other than the author, among the approvers)'),
  approvers: z.array(str).nullable(), force: z.boolean(), scheduledAt: nstr, createdAt: iso, updatedAt: iso, changesetId: int.nullable(),
  items: z.array(Item),
  approvals: z.array(z.object({ user: str, actor: str, version: int, at: iso, valid: z.boolean() })),
  events: z.array(z.object({ id: int, kind: str, version: int, actor: str, body: str, at: iso })),
  evidence: Evidence.nullable().describe('what the proposal rests on (ftf promote: the run and per study the best trial against the defaults), or null'),
  checks: Plan.optional().describe('the checks a write of it would get now: problems, warnings, coverage after'),
}).meta({ id: 'ChangeRequest' });
const RequestSummaryS = z.object({
  id: int, environment: str, author: str, reason: str, state: RequestStateE, version: int, keys: int, have: int, need: int,
  createdAt: iso, updatedAt: iso, scheduledAt: nstr,
});
export const ChangeRequests = z.object({ items: z.array(RequestSummaryS) });
export const RequestApplied = z.object({ request: ChangeRequest, result: WriteResult });
export const Environments = z.object({
  items: z.array(z.object({ name: str, keys: int, revision: int, approvals: int, approvers: z.array(str).nullable(), legacy: z.boolean(), createdBy: str, createdAt: iso })),
});
export const EnvironmentCreated = z.object({ name: str, keys: int, changesetId: int.nullable(), revision: int });
export const PolicySet = z.object({ environment: str, approvals: int, approvers: z.array(str).nullable(), actor: str, reason: str, at: iso });
