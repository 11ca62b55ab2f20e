import type { Catalog } from '../catalog/types.js';
import type { Store } from '../store/store.js';
import type { AuthStore } from './auth/auth-store.js';
import type { KeyView } from './keys-view.js';
import type { ProxyTrust } from './auth/client-ip.js';
import type { ValuesCache } from './values-cache.js';
import type { StreamSlots } from './streams.js';
import type { Requests } from '../requests/requests.js';
import type { Oidc } from './auth/oidc.js';

/** What every route handler may use. */
export interface Deps {
  store: Store;
  catalog: Catalog;
  auth: AuthStore;
  view: KeyView;
  /** /values and /export bodies, one per store revision. */
  values: ValuesCache;
  /** Mark session cookies Secure (behind TLS). */
  secureCookies: boolean;
  /** How often the live-update stream checks the store's revision. */
  pollMs: number;
  /** Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (HPCONF_TRUSTED_PROXIES). */
  trustedProxies?: ProxyTrust;
  /** The clock second factors are checked against (tests move it). */
  now?: () => number;
  /** Tests: check every JSON answer against its route's response schema (the OpenAPI contract). */
  checkResponses?: boolean;
  /** The secret a CLI on this machine presents, read from the embedded store's directory (local-access.ts). */
  localSecret?: string;
  /** How often a live stream re-checks that its caller may still read (ms). */
  recheckMs?: number;
  /** Slots for event streams and long polls, per caller and in total. */
  streams: StreamSlots;
  /** Change requests of every environment (ids are store-wide). */
  requests: Requests;
  /** Single sign-on through an OpenID Connect provider, where configured (HPCONF_OIDC_*). */
  oidc?: Oidc;
  /** The same deps seen from another environment (`?environment=NAME` on any route); unknown names are refused. */
  forEnvironment(name: string): Promise<Deps>;
}
