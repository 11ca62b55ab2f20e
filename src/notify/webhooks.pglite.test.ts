import { backends } from '../store/testing.js';
import { webhooksSuite } from './webhooks.case.js';

webhooksSuite('pglite', backends()[0].open);
