import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root: data files (catalog/, spec/) are read from here, never copied into code. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CATALOG_PATH = path.join(ROOT, 'catalog', 'catalog.json');
export const CATALOG_SCHEMA_PATH = path.join(ROOT, 'catalog', 'catalog.schema.json');
export const BASELINE_PATH = path.join(ROOT, 'catalog', 'baseline.json');
export const BUNDLE_SCHEMA_PATH = path.join(ROOT, 'catalog', 'baseline.schema.json');
export const ERRORS_PATH = path.join(ROOT, 'spec', 'errors.json');
export const VECTORS_DIR = path.join(ROOT, 'spec', 'vectors');

/** The embedded store's directory when neither DATABASE_URL nor HPCONF_DATA_DIR says otherwise (relative to the working directory). */
export const DEFAULT_DATA_DIR = '.hpconf/pgdata';
