import { exportValues, type ExportFormat } from '../../export/formats.js';
import { withStore, type Context } from '../context.js';
import { readSegment, valuesOf } from '../../store/segment-read.js';
import type { Opts } from '../registry.js';

export async function exportCmd(ctx: Context, o: Opts): Promise<number> {
  const format = o.format as ExportFormat;
  const text = await withStore(ctx, async (s) => exportValues(ctx.catalog, valuesOf(await readSegment(s, o.segment as string | undefined)), format, { name: o.name as string | undefined, namespace: o.namespace as string | undefined, revision: await s.head() }), { read: true });
  ctx.out(text.replace(/\n$/, ''));
  return 0;
}
