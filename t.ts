import { PGlite } from '@electric-sql/pglite';
import { embeddedDatabase } from './src/db/database.js';
import { migrateToLatest } from './src/db/migrate.js';
let t = performance.now();
const d = await embeddedDatabase();
await migrateToLatest(d.db);
console.log('fresh+migrate', performance.now() - t);
t = performance.now();
const dump = await d.pglite.dumpDataDir('none');
console.log('dump', performance.now() - t, dump.size);
for (let i = 0; i < 3; i++) {
t = performance.now();
const p = new PGlite({ loadDataDir: dump });
await p.waitReady;
const r = await p.query('select count(*) from users');
console.log('load', performance.now() - t, r.rows);
}
