import { openPglite } from './pglite.js';
import { migrate } from './migrations.js';
import { createStore } from './store.js';
import { loadCatalog } from '../catalog/load.js';
import { storeSuite } from './store.case.js';

storeSuite('pglite', async () => {
  const db = await openPglite();
  await migrate(db);
  return createStore(db, loadCatalog());
});
