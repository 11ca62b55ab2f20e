// Shared test vectors for segment resolution (spec/vectors/segments.json): random layered states (groups with
// and without priorities, token and group overrides) and the value and layer each (segment, key) resolves to.
// Both SDKs' suites check every case; src/catalog/segments.test.ts also checks this file is current.
//   node --import tsx scripts/gen-segment-vectors.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { segmentVectors } from '../src/catalog/segment-vectors.js';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'spec', 'vectors', 'segments.json');
const v = segmentVectors();
// One case per line: small, and a diff shows which case moved.
writeFileSync(out, `{"$comment": ${JSON.stringify(v.$comment)},\n "cases": [\n${v.cases.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n]}\n`);
console.log(`wrote ${out}`);
