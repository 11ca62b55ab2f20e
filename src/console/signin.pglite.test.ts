import { backends } from '../store/testing.js';
import { signinSuite } from './signin.case.js';

signinSuite('pglite', backends()[0].open);
