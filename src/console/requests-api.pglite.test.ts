import { backends } from '../store/testing.js';
import { requestsApiSuite } from './requests-api.case.js';

requestsApiSuite('pglite', backends()[0].open);
