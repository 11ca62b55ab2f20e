/** A lint worker thread (lint-pool.ts): scans the files it is sent with the catalog's names, scoped per configuration. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../catalog/types.js';
import { catalogNames, scopedNames } from './names.js';
import { scannerFor } from './scanners.js';
import type { NameMatcher } from './types.js';
import type { Job } from './lint-pool.js';

const names = catalogNames({ file: workerData.file } as Catalog);
const scoped = new Map<string, NameMatcher>();

parentPort!.on('message', async (jobs: Job[]) => {
  for (const j of jobs) {
    try {
      const key = JSON.stringify(j.generic);
      let n = scoped.get(key);
      if (!n) scoped.set(key, (n = scopedNames(names, j.generic)));
      const result = await scannerFor(j.path)!.scan(j.path, j.source, n, { exhaustive: j.exhaustive });
      parentPort!.postMessage({ id: j.id, result });
    } catch (e) {
      parentPort!.postMessage({ id: j.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
    }
  }
});
