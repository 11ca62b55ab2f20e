// The service after the migration: values come from the resolver, never from code.
import { createResolver } from '../../../resolver/resolver.js';

const r = createResolver();

export function params(timeframe: string) {
  const native = r.nativeParams('xgb', timeframe);
  const space = r.hpoSpace('xgb', timeframe);
  const maxDepth = native.max_depth;
  return { native, space, maxDepth, retries: 3, timeoutMs: 30_000, axis: 1 };
}

export function describe(p: ReturnType<typeof params>, digits = 3): string {
  return `maxDepth=${p.maxDepth} learningRate=${Number(p.native.learning_rate).toFixed(digits)}`;
}
