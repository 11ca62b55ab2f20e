import path from 'node:path';
import { DEFAULT_DATA_DIR } from '../../paths.js';
import type { Context } from '../context.js';
import type { Opts } from '../registry.js';

/** The Console on the configured store, until interrupted. The store stays open (and a PGlite directory locked) meanwhile. */
export async function runConsole(ctx: Context, o: { host?: string; port?: number; secureCookies?: boolean; trustedProxy?: string }): Promise<number> {
  const { startConsole } = await import('../../console/serve.js');
  const store = await ctx.openStore({ direct: true });
  const localAccessDir = store.kind === 'pglite' && !ctx.databaseUrl ? path.resolve(ctx.cwd, ctx.dataDir ?? DEFAULT_DATA_DIR) : undefined;
  const c = await startConsole(store, { host: o.host, port: o.port, secureCookies: o.secureCookies, trustedProxies: o.trustedProxy, adminPassword: ctx.env.HPCONF_ADMIN_PASSWORD || undefined, log: ctx.out, localAccessDir });
  ctx.out(`hpconf Console on ${c.url}/ui/ (API ${c.url}/api/v1, OpenAPI ${c.url}/api/v1/openapi.json), store ${store.describe}`);
  ctx.out('sign in as admin (password above on first start, or HPCONF_ADMIN_PASSWORD); Ctrl-C stops');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await c.close();
  await store.close();
  return 0;
}

export async function serveCmd(ctx: Context, o: Opts): Promise<number> {
  return runConsole(ctx, { host: o.host as string, port: o.port as number, secureCookies: !!o.secureCookies, trustedProxy: o.trustedProxy as string | undefined });
}
