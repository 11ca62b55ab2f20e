import { backends } from '../store/testing.js';
import { promoteSuite } from './promote.case.js';

const b = backends().find((x) => x.name === 'pglite')!;
promoteSuite('pglite', b.open);
