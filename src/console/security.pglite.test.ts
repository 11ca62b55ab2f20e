import { backends } from '../store/testing.js';
import { securitySuite } from './security.case.js';

securitySuite('pglite', backends()[0].open);
