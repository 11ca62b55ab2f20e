// The anchor of bench/read.bench.ts: the smallest node:http server that answers GET with one cached body (and 304
// to its ETag). What hpconf's /values costs beyond this is the per-request path.
//   node bench/minimal-server.mjs PORT BODY_FILE ETAG
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const [port, file, etag] = process.argv.slice(2);
const body = readFileSync(file);
const ok = { etag, 'cache-control': 'no-cache', 'content-type': 'application/json', 'content-length': String(body.length) };
createServer((req, res) => {
  if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag, 'cache-control': 'no-cache' }); res.end(); return; }
  res.writeHead(200, ok);
  res.end(body);
}).listen(Number(port), '127.0.0.1');
