import { NodeFS } from '@electric-sql/pglite/nodefs';
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The embedded store's files are the store: nobody but its owner may read or change them.
 * Emscripten's NODEFS ignores the process umask (it chmods every file to the mode PostgreSQL's
 * WebAssembly build asks for, 0666), so the modes are masked where NODEFS creates and chmods,
 * for files made at start-up and later alike; a directory from an older version is tightened once.
 */
const PRIVATE = 0o077;

interface NodefsInternals {
  setattr: (arg: unknown, node: unknown, attr: { mode?: number }, ...rest: unknown[]) => unknown;
  node_ops: { mknod: (parent: unknown, name: string, mode: number, dev: unknown) => unknown };
  hpconfPrivate?: boolean;
}

function harden(nodefs: NodefsInternals): void {
  if (nodefs.hpconfPrivate) return; // one WebAssembly module per PGlite, but be safe on reuse
  nodefs.hpconfPrivate = true;
  const setattr = nodefs.setattr.bind(nodefs);
  nodefs.setattr = (arg, node, attr, ...rest) =>
    setattr(arg, node, attr.mode === undefined ? attr : { ...attr, mode: attr.mode & ~PRIVATE }, ...rest);
  const mknod = nodefs.node_ops.mknod;
  nodefs.node_ops.mknod = (parent, name, mode, dev) => mknod(parent, name, mode & ~PRIVATE, dev);
}

/** Owner-only modes on everything under `dir` (a data directory written by an older version). */
export function tightenTree(dir: string): void {
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    if ((st.mode & PRIVATE) !== 0) chmodSync(p, st.mode & 0o7777 & ~PRIVATE);
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(path.join(p, n));
  };
  walk(dir);
}

/** A 0700 data directory (made or tightened), and a PGlite file system that keeps its files 0600. */
export function privateNodeFs(dir: string): NodeFS {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((lstatSync(dir).mode & PRIVATE) !== 0) tightenTree(dir);
  const fs = new NodeFS(dir);
  const init = fs.init.bind(fs);
  fs.init = async (pg, opts) => {
    const r = await init(pg, opts);
    const preRun = [...(r.emscriptenOpts.preRun ?? [])];
    // Runs right after NODEFS is mounted, before PostgreSQL (or the snapshot's extraction) writes a file.
    preRun.unshift((mod: { FS: { filesystems: { NODEFS: NodefsInternals } } }) => harden(mod.FS.filesystems.NODEFS));
    return { ...r, emscriptenOpts: { ...r.emscriptenOpts, preRun } };
  };
  return fs;
}
