import path from 'node:path';
import { EXTENSIONS } from './languages.js';
import type { Scanner } from './types.js';

/** A scanner whose parser is loaded when the first file of its language is met: `lint one.py` never loads oxc. */
function lazy(language: keyof typeof EXTENSIONS, load: () => Promise<Scanner>): Scanner {
  let loaded: Promise<Scanner> | undefined;
  return { language, extensions: [...EXTENSIONS[language]], scan: async (p, source, names, o) => (await (loaded ??= load())).scan(p, source, names, o) };
}

export const SCANNERS: Scanner[] = [
  lazy('python', async () => (await import('./scan-python.js')).pythonScanner),
  lazy('typescript', async () => (await import('./scan-typescript.js')).typescriptScanner),
  lazy('notebook', async () => (await import('./scan-notebook.js')).notebookScanner),
];

export function scannerFor(file: string): Scanner | undefined {
  const ext = path.extname(file);
  return SCANNERS.find((s) => s.extensions.includes(ext));
}
