// The types of a typed API client, generated from the OpenAPI document by openapi-typescript.
//   node --import tsx scripts/gen-client.ts     (writes src/console/client/api.gen.ts; a test checks it is current)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { openapi } from '../src/console/app.js';
import { ROOT } from '../src/paths.js';

export const GENERATED = path.join(ROOT, 'src', 'console', 'client', 'api.gen.ts');

export async function clientTypes(): Promise<string> {
  const ast = await openapiTS(openapi() as never);
  return `// Generated from the OpenAPI document by scripts/gen-client.ts: do not edit; a test checks it is current.\n${astToString(ast)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(GENERATED, await clientTypes());
  console.log(`wrote ${GENERATED}`);
}
