import path from 'node:path';
import { pythonScanner } from './scan-python.js';
import { typescriptScanner } from './scan-typescript.js';
import { notebookScanner } from './scan-notebook.js';
import type { Scanner } from './types.js';

export const SCANNERS: Scanner[] = [pythonScanner, typescriptScanner, notebookScanner];

export function scannerFor(file: string): Scanner | undefined {
  const ext = path.extname(file);
  return SCANNERS.find((s) => s.extensions.includes(ext));
}
