import { catalogFromFile } from '../src/catalog/load.js';
import type { CatalogFile } from '../src/catalog/types.js';

/** A catalog of models x timeframes x searchable parameters (4 keys each): 50 x 20 x 25 x 4 = 100,000 keys. */
export function syntheticCatalog(models: number, timeframes: number, params: number) {
  const f: CatalogFile = {
    version: 1, prefix: 'SYN', range: { min: 'RANGE_MIN', max: 'RANGE_MAX', scale: 'RANGE_SCALE', scales: ['linear', 'log'] },
    timeframes: Array.from({ length: timeframes }, (_, i) => ({ id: `${i + 1}M`, minutes: i + 1 })),
    models: Object.fromEntries(Array.from({ length: models }, (_, m) => [`M${String(m).padStart(2, '0')}`, {
      library: 'synthetic',
      params: Object.fromEntries(Array.from({ length: params }, (_, p) => [`P${String(p).padStart(2, '0')}`, {
        type: p % 2 ? 'int' : 'float', domain: { min: 0 }, logAllowed: true, search: true, native: `p${p}`, aliases: [], doc: 'synthetic',
      }])),
    }])),
    globals: {},
    rules: [],
  } as CatalogFile;
  const c = catalogFromFile(f, `synthetic-${models}x${timeframes}x${params}`);
  const values = c.keys.map((k) => ({ key: k.key, value: k.kind === 'scale' ? 'linear' : k.kind === 'max' ? '10' : '1' }));
  return { catalog: c, values };
}
