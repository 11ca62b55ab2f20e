// Preloaded into a measured process (node --import ./bench/rss-exit.mjs ...): on exit, its peak RSS
// (KiB) goes to the file named by BENCH_RSS_FILE. VmHWM from /proc, not getrusage's maxrss: Linux
// carries maxrss over fork and exec, so a child of a large parent would report the parent's size.
import { readFileSync, writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (!process.env.BENCH_RSS_FILE) return;
  let kib = process.resourceUsage().maxRSS;
  try { kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch { /* not Linux */ }
  writeFileSync(process.env.BENCH_RSS_FILE, String(kib));
});
