import { backends } from '../store/testing.js';
import { runsSuite } from './runs.case.js';

const b = backends().find((x) => x.name === 'pglite')!;
runsSuite('pglite', b.open);
