import { backends } from './testing.js';
import { segmentsSuite } from './segments.case.js';

segmentsSuite('pglite', backends()[0].open);
