/**
 * The resolver SDK, as `import { createResolver } from 'hpconf/resolver'`: reads values from the
 * environment with the catalog's strict grammar, fails fast on a missing key, and logs a WARN
 * line where the caller names a fallback. No database, parser or web dependency.
 */
export { createResolver, raise } from './resolver.js';
export type { Resolver, ResolverOptions, Resolution, Source, HpoRange, OptunaDistribution, ResolvedSet } from './resolver.js';
export { parseValue, formatValue, trimValue } from './grammar.js';
export type { Value, ValueType, Parsed } from './grammar.js';
export { eventLine, eventNames } from './events.js';
export { HpconfError, isHpconfError, errorCodes } from '../errors/registry.js';
export { loadCatalog, catalogFromFile } from '../catalog/load.js';
export type { Catalog, CatalogFile, KeySpec, KeyKind } from '../catalog/types.js';
export { coverage } from '../catalog/coverage.js';
export type { Coverage } from '../catalog/coverage.js';
export { consoleValues } from './console-values.js';
export type { ConsoleValues, ConsoleValuesOptions, ValuesSnapshot } from './console-values.js';
