import * as client from 'openid-client';
import { HpconfError } from '../../errors/registry.js';
import type { Db } from '../../store/db.js';
import type { OidcIdentity } from './auth-store.js';
import { sha256 } from './auth-store.js';
import type { Role } from './principal.js';

/**
 * Sign-in through an OpenID Connect provider: authorization code with PKCE (S256), state and nonce,
 * the ID token checked by openid-client. One claim (groups by default) maps to a role and to approver
 * status. Local users keep signing in with their password (break-glass when the provider is down).
 */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE alone, no client authentication). */
  clientSecret?: string;
  /** Where the provider sends the browser back: this Console's /api/v1/auth/oidc/callback, as registered. */
  redirectUrl: string;
  scopes: string;
  /** The claim whose values (an array, or a string of space- or comma-separated values) give role and approver status. */
  claim: string;
  /** Claim value per role; `*` gives the role to anyone the provider signs in. The highest role held wins. */
  roles: Partial<Record<Role, string>>;
  /** The claim value that makes a user an approver; absent: every writer is one (as for local users). */
  approverValue?: string;
  /** The claims tried in turn for the user name (lower-cased). */
  usernameClaims: string[];
  /** The sign-in button's label. */
  label: string;
}

const ROLE_ORDER: Role[] = ['admin', 'operator', 'viewer'];
/** A flow not finished in this time is void (the provider's page was left open). */
const FLOW_MINUTES = 10;

/** HPCONF_OIDC_* from the environment, or undefined when no issuer is set. */
export function oidcFromEnv(env: NodeJS.ProcessEnv = process.env): OidcConfig | undefined {
  const issuer = env.HPCONF_OIDC_ISSUER;
  if (!issuer) return undefined;
  const need = (k: string) => {
    const v = env[k];
    if (!v) throw new HpconfError('HPC_USAGE', { details: `HPCONF_OIDC_ISSUER is set, so ${k} must be too` });
    return v;
  };
  const roles: Partial<Record<Role, string>> = {};
  for (const part of need('HPCONF_OIDC_ROLES').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [role, value] = part.split('=').map((s) => s.trim());
    if (!ROLE_ORDER.includes(role as Role) || !value) throw new HpconfError('HPC_USAGE', { details: `HPCONF_OIDC_ROLES: "${part}" is not ROLE=VALUE (roles: admin, operator, viewer)` });
    roles[role as Role] = value;
  }
  return {
    issuer, clientId: need('HPCONF_OIDC_CLIENT_ID'), clientSecret: env.HPCONF_OIDC_CLIENT_SECRET || undefined, redirectUrl: need('HPCONF_OIDC_REDIRECT_URL'),
    scopes: env.HPCONF_OIDC_SCOPES || 'openid profile email', claim: env.HPCONF_OIDC_CLAIM || 'groups', roles,
    approverValue: env.HPCONF_OIDC_APPROVER || undefined,
    usernameClaims: (env.HPCONF_OIDC_USERNAME_CLAIMS || 'preferred_username,email').split(',').map((s) => s.trim()).filter(Boolean),
    label: env.HPCONF_OIDC_LABEL || 'Sign in with single sign-on',
  };
}

function claimValues(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** The user the claims describe, or a refusal saying what is missing. */
export function identityOf(cfg: OidcConfig, issuer: string, claims: Record<string, unknown>): OidcIdentity {
  const subject = claims.sub;
  if (typeof subject !== 'string' || !subject) throw new HpconfError('HPC_SSO_REFUSED', { why: 'the ID token has no subject' });
  const values = claimValues(claims[cfg.claim]);
  const role = ROLE_ORDER.find((r) => cfg.roles[r] !== undefined && (cfg.roles[r] === '*' || values.includes(cfg.roles[r]!)));
  if (!role) throw new HpconfError('HPC_SSO_REFUSED', { why: `the "${cfg.claim}" claim (${values.join(', ') || 'empty'}) maps to no role of this Console` });
  const raw = cfg.usernameClaims.map((k) => claims[k]).find((v) => typeof v === 'string' && v.trim());
  const username = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!/^[a-z0-9][a-z0-9._@-]{1,62}$/.test(username)) {
    throw new HpconfError('HPC_SSO_REFUSED', { why: `no usable user name in the claims ${cfg.usernameClaims.join(', ')} (lower-case letters, digits, . _ @ -): "${username}"` });
  }
  return { issuer, subject, username, role, approver: cfg.approverValue === undefined ? true : values.includes(cfg.approverValue) };
}

/** Plain http is accepted only for a provider on this machine (a test, a local Dex). */
const loopback = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);

export function oidc(cfg: OidcConfig, db: Db) {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => (discovered ??= (async () => {
    const url = new URL(cfg.issuer);
    const auth = cfg.clientSecret ? client.ClientSecretBasic(cfg.clientSecret) : client.None();
    const c = await client.discovery(url, cfg.clientId, undefined, auth, loopback(url) ? { execute: [client.allowInsecureRequests] } : undefined);
    return c;
  })().catch((e: Error) => {
    discovered = undefined; // the next sign-in tries again
    throw new HpconfError('HPC_SSO_UNAVAILABLE', { details: `${cfg.issuer}: ${e.message}` });
  }));

  return {
    label: cfg.label,
    /** Start a sign-in: the URL to send the browser to, and the state the browser's cookie must carry back. */
    async start(): Promise<{ url: string; state: string }> {
      const c = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      if (Math.random() < 0.05) await db.query(`DELETE FROM hp_oidc_flow WHERE created_at < now() - make_interval(mins => $1)`, [FLOW_MINUTES]);
      await db.query('INSERT INTO hp_oidc_flow (state_hash, verifier, nonce) VALUES ($1, $2, $3)', [sha256(state), verifier, nonce]);
      const url = client.buildAuthorizationUrl(c, {
        redirect_uri: cfg.redirectUrl, scope: cfg.scopes, state, nonce,
        code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
      });
      return { url: url.href, state };
    },
    /**
     * Finish it: the flow named by `state` is taken once (a replayed callback finds nothing), the code is
     * exchanged with the verifier, the ID token's signature, issuer, audience and nonce are checked, and the
     * claims (the ID token's, then the userinfo endpoint's) give the user.
     */
    async finish(search: string, cookieState: string | undefined): Promise<OidcIdentity> {
      const params = new URLSearchParams(search);
      const state = params.get('state') ?? '';
      if (params.get('error')) throw new HpconfError('HPC_SSO_REFUSED', { why: `the provider said ${params.get('error')}: ${params.get('error_description') ?? ''}`.trim() });
      if (!state || !cookieState || cookieState !== state) throw new HpconfError('HPC_SSO_REFUSED', { why: 'this sign-in was not started in this browser (state does not match)' });
      const flow = (await db.query<{ verifier: string; nonce: string }>(
        `DELETE FROM hp_oidc_flow WHERE state_hash = $1 RETURNING verifier, nonce, created_at > now() - make_interval(mins => $2) AS fresh`, [sha256(state), FLOW_MINUTES])).rows[0] as { verifier: string; nonce: string; fresh?: boolean } | undefined;
      if (!flow || !flow.fresh) throw new HpconfError('HPC_SSO_REFUSED', { why: 'this sign-in is unknown, used already or older than 10 minutes: start again' });
      const c = await configuration();
      const back = new URL(cfg.redirectUrl);
      back.search = search;
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(c, back, { pkceCodeVerifier: flow.verifier, expectedState: state, expectedNonce: flow.nonce, idTokenExpected: true });
      } catch (e) {
        throw new HpconfError('HPC_SSO_REFUSED', { why: `the provider's answer did not check out: ${(e as Error).message}` });
      }
      const claims: Record<string, unknown> = { ...(tokens.claims() ?? {}) };
      if (claims[cfg.claim] === undefined || cfg.usernameClaims.every((k) => claims[k] === undefined)) {
        try {
          Object.assign(claims, await client.fetchUserInfo(c, tokens.access_token, String(claims.sub)), { sub: claims.sub });
        } catch (e) {
          throw new HpconfError('HPC_SSO_UNAVAILABLE', { details: `userinfo: ${(e as Error).message}` });
        }
      }
      return identityOf(cfg, c.serverMetadata().issuer, claims);
    },
  };
}

export type Oidc = ReturnType<typeof oidc>;
