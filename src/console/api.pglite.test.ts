import { backends } from '../store/testing.js';
import { apiSuite } from './api.case.js';

apiSuite('pglite', backends()[0].open);
