import { createServer, type RequestListener, type ServerOptions } from 'node:http';
import { serve } from '@hono/node-server';
import { fastValues } from './fast-values.js';
import { consoleMetrics } from './metrics.js';
import type { AddressInfo } from 'node:net';
import type { Store } from '../store/store.js';
import { authStore, randomToken } from './auth/auth-store.js';
import { createApp } from './app.js';
import { parseTrustedProxies } from './auth/client-ip.js';
import { keyView } from './keys-view.js';
import { valuesCache } from './values-cache.js';
import type { Deps } from './deps.js';
import { publishLocalAccess } from './local-access.js';
import { streamLimitsFromEnv, streamSlots, type StreamLimits } from './streams.js';
import { requests, type RequestNotice } from '../requests/requests.js';
import { webhookDispatcher } from '../notify/deliver.js';
import { oidc, oidcFromEnv, type OidcConfig } from './auth/oidc.js';

export interface ConsoleOptions { host?: string; port?: number; secureCookies?: boolean; pollMs?: number; adminPassword?: string; log?: (line: string) => void; trustedProxies?: string; recheckMs?: number; now?: () => number;
  /** The embedded store's directory: publish this Console's address there for CLI processes (local-access.ts). */
  localAccessDir?: string;
  /** Event streams and long polls per caller and in total (HPCONF_MAX_STREAMS_PER_CALLER, HPCONF_MAX_STREAMS). */
  streamLimits?: StreamLimits;
  /** Each change-request event (webhooks). */
  notify?: (n: RequestNotice) => void;
  /** How often scheduled change requests are looked for (ms; HPCONF_SCHEDULER_MS, 15 s by default: within 60 s of their time). */
  schedulerMs?: number;
  /** Single sign-on (HPCONF_OIDC_* when not given; null turns it off). */
  oidc?: OidcConfig | null }

export function consoleDeps(store: Store, o: ConsoleOptions = {}): Deps {
  const d: Deps = {
    store, catalog: store.catalog, auth: authStore(store.db, store.feed), view: keyView(store, store.catalog), values: valuesCache(store), secureCookies: !!o.secureCookies, pollMs: o.pollMs ?? 1000,
    trustedProxies: parseTrustedProxies(o.trustedProxies ?? process.env.HPCONF_TRUSTED_PROXIES), recheckMs: o.recheckMs, now: o.now,
    streams: streamSlots(o.streamLimits ?? streamLimitsFromEnv()),
    requests: requests(store, { notify: o.notify }),
    oidc: (() => { const cfg = o.oidc === undefined ? oidcFromEnv() : o.oidc; return cfg ? oidc(cfg, store.db) : undefined; })(),
    forEnvironment: async (name) => {
      if (name === store.environment) return d;
      let e = perEnvironment.get(name);
      if (!e) {
        const s = await store.use(name); // refused with a suggestion when unknown
        e = { ...d, store: s, view: keyView(s, s.catalog), values: valuesCache(s) };
        perEnvironment.set(name, e);
      }
      return e;
    },
  };
  // Each environment's key view and cached bodies are built once and kept (a handful of environments per store).
  const perEnvironment = new Map<string, Deps>();
  return d;
}

/**
 * First start: no user yet, so create `admin` with the password from HPCONF_ADMIN_PASSWORD or a
 * one-time password printed once (its holder must change it at first sign-in).
 */
export async function bootstrapAdmin(d: Deps, given: string | undefined, log: (l: string) => void): Promise<void> {
  if ((await d.auth.userCount()) > 0) return;
  const password = given ?? randomToken(12);
  await d.auth.createUser('admin', password, 'admin', given === undefined);
  log(given === undefined
    ? `first start: created user "admin" with the one-time password ${password} (change it after signing in)`
    : 'first start: created user "admin" with the password from HPCONF_ADMIN_PASSWORD');
}

export async function startConsole(store: Store, o: ConsoleOptions = {}): Promise<{ url: string; close(): Promise<void> }> {
  const log = o.log ?? ((l: string) => process.stdout.write(l + '\n'));
  const d = consoleDeps(store, o);
  await store.feed.ready();
  await bootstrapAdmin(d, o.adminPassword, log);
  // Ready means fast: the key view (a first search at 100,000 keys took 2-4 s to build it) and the bodies every
  // worker asks for are built before the port opens, so neither the first user nor a fleet starting at once waits.
  await Promise.all([d.view.search({ pageSize: 1 }), d.values.get('redacted'), d.values.get('full')]);
  const metrics = consoleMetrics(d);
  const app = createApp(d, metrics);
  const fast = fastValues(d, metrics);
  const server = serve({ fetch: app.fetch, hostname: o.host ?? '127.0.0.1', port: o.port ?? 8080,
    // The read every worker makes skips the router when nothing about it is new (fast-values.ts).
    createServer: ((opts: ServerOptions, listener: RequestListener) => createServer(opts, (req, res) => { if (!fast(req, res)) listener(req, res); })) as never });
  await new Promise<void>((resolve, reject) => { server.once('listening', resolve); server.once('error', reject); });
  const addr = server.address() as AddressInfo;
  const url = `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`;
  let local: { remove(): void } | undefined;
  if (o.localAccessDir) {
    // A wildcard bind is reached on loopback by processes of this machine.
    const host = addr.address === '0.0.0.0' ? '127.0.0.1' : addr.address === '::' ? '[::1]' : addr.address.includes(':') ? `[${addr.address}]` : addr.address;
    const p = publishLocalAccess(o.localAccessDir, `http://${host}:${addr.port}`);
    d.localSecret = p.secret;
    local = p;
  }
  const scheduler = startScheduler(d, o.schedulerMs ?? (Number(process.env.HPCONF_SCHEDULER_MS) || 15_000), log);
  // Webhook deliveries due now go out each second (every replica may; each delivery is claimed by one).
  const dispatcher = webhookDispatcher(store.db, { log });
  let sending = false;
  const hooks = setInterval(() => {
    if (sending) return;
    sending = true;
    void dispatcher.tick().catch((e: Error) => log(`webhooks: ${e.message}`)).finally(() => { sending = false; });
  }, Number(process.env.HPCONF_WEBHOOK_MS) || 1000);
  hooks.unref();
  return {
    url,
    close: () => new Promise<void>((resolve) => {
      scheduler.stop();
      clearInterval(hooks);
      local?.remove();
      server.close(() => resolve());
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }),
  };
}

/**
 * Scheduled change requests apply when due: at start (a Console that was down at the time applies them now,
 * the delay recorded) and every `everyMs`. Every replica ticks; the request's row lock and state make each
 * apply happen once.
 */
export function startScheduler(d: Deps, everyMs: number, log: (l: string) => void): { stop(): void; tick(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => (running ??= d.requests.runDue().then((r) => {
    for (const id of r.applied) log(`scheduler: applied change request #${id}`);
    for (const id of r.suspended) log(`scheduler: suspended change request #${id} (it can no longer apply as approved)`);
  }, (e: Error) => log(`scheduler: ${e.message}`)).finally(() => { running = undefined; }));
  void tick();
  const timer = setInterval(() => { void tick(); }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
