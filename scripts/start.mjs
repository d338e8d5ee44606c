#!/usr/bin/env node
// `npm start`: runs the compiled server (dist/server.js), building it first when dist/ is missing or stale, so
// `npm install && npm start` works on a fresh clone and a production start runs no TypeScript compiler.
import { importBuilt } from './build.mjs';

await importBuilt('server.js');
