#!/usr/bin/env node
// The `hearth` command: runs the compiled CLI (dist/cli/main.js), building dist/ first when it is missing or stale.
import { importBuilt } from '../scripts/build.mjs';

await importBuilt('cli/main.js');
