import { HpconfError } from '../../errors/registry.js';
import { parse } from '../args.js';
import { EXPORT_FORMATS, exportValues, type ExportFormat } from '../formats.js';
import { withStore, type Context } from '../context.js';

const USAGE = `hpconf export --format ${EXPORT_FORMATS.join('|')} [--name NAME] [--namespace NS]`;

export async function exportCmd(ctx: Context, argv: string[]): Promise<number> {
  const { values: o } = parse(argv, { format: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' } }, USAGE);
  const format = (o.format ?? 'dotenv') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new HpconfError('HPC_USAGE', { details: `unknown format "${o.format}"\nusage: ${USAGE}` });
  const text = await withStore(ctx, async (s) => exportValues(ctx.catalog, await s.values(), format, { name: o.name, namespace: o.namespace, revision: await s.head() }));
  ctx.out(text.replace(/\n$/, ''));
  return 0;
}
