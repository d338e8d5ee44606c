import { startTestApp } from '../test/helpers/app.js';
import { launchBrowser, newSession } from './helpers/browser.js';
import { firstLogin } from './helpers/flows.js';
const t = await startTestApp();
const base = await t.listen();
const b = await launchBrowser();
const s = await newSession(b, base);
const a = await t.createUser('training', { role: 'admin', firstName: 'Ada', lastName: 'Lovelace' });
await firstLogin(s.page, 'training', a.user.username, a.temporaryPassword, 'Sunny-Meadow-42');
for (const p of ['/', '/training/', '/training/admin/users', '/training/admin/users/new', `/training/admin/users/${a.user.id}`, '/training/admin/audit', '/training/password/change']) {
  await s.page.goto(p);
  await s.page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const r = await s.page.evaluate(`axe.run(document).then(r => ({v: r.violations.map(v => [v.id, v.impact, v.nodes.length, v.nodes.map(n=>n.target.join(' ')).slice(0,3)]), inc: r.incomplete.map(v => [v.id, v.impact, v.nodes.length]), passes: r.passes.map(p=>p.id).includes('color-contrast')}))`);
  console.log(p, JSON.stringify(r));
}
await s.page.setContent('<html lang="en"><body><main><img src="x.png"><input></main></body></html>');
await s.page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
console.log(await s.page.evaluate(`axe.run(document).then(r => r.violations.map(v=>v.id+':'+v.impact))`));
await b.close(); await t.close();
