#!/usr/bin/env node
// `npm run build`: compiles src/ (TypeScript and preact TSX) to plain JavaScript in dist/, one file per source file,
// with esbuild (about a second; `tsc` takes thirty and the type check is `npm run typecheck` anyway). The files that
// are not code (the nickname lists) are copied beside their modules, so dist/ keeps src/'s layout and every path a
// module finds through import.meta.url (../package.json, ../public) resolves as it does from src/.
//
// `npm start` and the `hearth` command call ensureBuilt(): it builds only when dist/ is missing or older than a
// source file, and takes a lock so that processes started together (two instances, a test suite) build once.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
const SRC = path.join(ROOT, 'src');
/** Holds the time the build started: dist/ is fresh when no input changed after it. */
const STAMP = path.join(DIST, '.built-at');
const LOCK = path.join(ROOT, '.dist-build.lock');
const INPUTS = ['package.json', 'scripts/build.mjs'].map((file) => path.join(ROOT, file));

function walk(dir, files = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, files);
    else files.push(full);
  }
  return files;
}

/** True when dist/ was built after the last change to any source file. */
export function isFresh() {
  let builtAt;
  try {
    builtAt = Number(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  return [...walk(SRC), ...INPUTS].every((file) => fs.statSync(file).mtimeMs < builtAt);
}

/** Compiles src/ into dist/: into a fresh folder first, so a failed build leaves the last good one in place. */
export async function build() {
  const startedAt = Date.now();
  const { build: esbuild } = await import('esbuild');
  const staging = `${DIST}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  const files = walk(SRC);
  const code = files.filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'));
  await esbuild({
    entryPoints: code,
    outdir: staging,
    outbase: SRC,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const file of files.filter((f) => !code.includes(f))) {
    const target = path.join(staging, path.relative(SRC, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  fs.writeFileSync(path.join(staging, '.built-at'), String(startedAt));
  fs.rmSync(DIST, { recursive: true, force: true });
  fs.renameSync(staging, DIST);
  return { files: code.length, ms: Date.now() - startedAt };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds dist/ unless it is fresh; when another process is building it, waits for that build instead. */
export async function ensureBuilt() {
  if (isFresh()) return;
  for (let waited = 0; ; waited += 100) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A build takes seconds: a lock older than a minute was left by a process that died mid-build.
      if (Date.now() - fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs > 60_000) fs.rmSync(LOCK, { recursive: true, force: true });
      if (waited > 120_000) throw new Error(`hearth: waited two minutes for ${LOCK}; remove it if no build is running`);
      await sleep(100);
    }
  }
  try {
    if (!isFresh()) await build();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Imports a compiled module of src/ (e.g. 'server.js'), building dist/ first when needed. */
export async function importBuilt(module) {
  await ensureBuilt();
  return import(pathToFileURL(path.join(DIST, module)).href);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files, ms } = await build();
  console.log(`built ${files} modules into dist/ in ${ms} ms`);
}
