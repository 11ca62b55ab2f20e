// The load generator of bench/read.bench.ts, run pinned to its own core: autocannon with every
// response's latency kept, so p50/p95/p99 are exact, and replies counted by status.
//   node bench/load.mjs '{"url": "...", "headers": {...}, "connections": 10, "seconds": 15}'
import autocannon from 'autocannon';

const o = JSON.parse(process.argv[2]);
const lat = [];
const byStatus = {};
const inst = autocannon({ url: o.url, headers: o.headers, connections: o.connections ?? 10, duration: o.seconds ?? 15 }, (err, res) => {
  if (err) { console.error(err); process.exit(1); }
  lat.sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] ?? NaN;
  const secs = res.duration;
  console.log(JSON.stringify({
    requests: lat.length, seconds: secs, rps: lat.length / secs, byStatus,
    errors: res.errors + res.timeouts, p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), bytesPerReply: res.throughput.total / Math.max(1, lat.length),
  }));
});
inst.on('response', (_client, status, _bytes, ms) => { lat.push(ms); byStatus[status] = (byStatus[status] ?? 0) + 1; });
