import { pythonScanner } from './scan-python.js';
import { scannerSuite } from './scanner.case.js';

scannerSuite(pythonScanner);
