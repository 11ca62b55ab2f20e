import { backends } from '../store/testing.js';
import { requestsSuite } from './requests.case.js';

const b = backends().find((x) => x.name === 'pglite')!;
requestsSuite('pglite', b.open);
