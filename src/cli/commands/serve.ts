import { parse, intOption } from '../args.js';
import type { Context } from '../context.js';
import { startConsole } from '../../console/serve.js';

const USAGE = 'hpconf serve [--host 127.0.0.1] [--port 8080] [--secure-cookies]';

/** The Console on the configured store, until interrupted. The store stays open (and a PGlite directory locked) meanwhile. */
export async function runConsole(ctx: Context, o: { host?: string; port?: number; secureCookies?: boolean }): Promise<number> {
  const store = await ctx.openStore();
  const c = await startConsole(store, { host: o.host, port: o.port, secureCookies: o.secureCookies, adminPassword: ctx.env.HPCONF_ADMIN_PASSWORD || undefined, log: ctx.out });
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

export async function serveCmd(ctx: Context, argv: string[]): Promise<number> {
  const { values: o } = parse(argv, { host: { type: 'string' }, port: { type: 'string' }, 'secure-cookies': { type: 'boolean' } }, USAGE);
  return runConsole(ctx, { host: o.host, port: intOption(o.port, 'port'), secureCookies: o['secure-cookies'] });
}
