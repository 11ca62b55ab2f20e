import { typescriptScanner } from './scan-typescript.js';
import { scannerSuite } from './scanner.case.js';

scannerSuite(typescriptScanner);
