import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { linkIn, pathOf, textOf } from '../helpers/client.js';

describe('smoke', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  it('first login, forced change, reset', async () => {
    const { user, temporaryPassword } = await t.createUser('live', { firstName: 'John', lastName: 'Doe', email: 'john@agency.example' });
    assert.equal(user.username, 'jdoe');
    const c = t.client();
    let r = await c.login('live', 'JDOE', temporaryPassword);
    assert.equal(r.status, 303, r.body);
    assert.equal(r.location, '/live/password/expired');
    r = await c.get('/live/');
    assert.equal(r.location, '/live/password/expired');
    r = await c.get('/live/password/expired');
    assert.match(textOf(r.body), /Password has expired!/);
    r = await c.post('/live/password/expired', { newPassword: 'Sunny-Meadow-42', confirmPassword: 'Sunny-Meadow-42' });
    assert.equal(r.status, 303, textOf(r.body));
    r = await c.follow(r);
    assert.equal(r.status, 200);
    assert.match(textOf(r.body), /Welcome, John/);
    const d = t.client();
    r = await d.submit('/live/forgot-password', { username: 'jdoe', email: 'JOHN@agency.example' });
    assert.equal(r.status, 200, textOf(r.body));
    const mail = await t.smtp.waitForMail((m) => m.subject === 'Community Services Email Password Reset');
    const link = linkIn(mail.text, 'live');
    r = await d.get(pathOf(link));
    assert.equal(r.status, 200, textOf(r.body));
    r = await d.post(pathOf(link), { newPassword: 'Another-Day-77', confirmPassword: 'Another-Day-77' });
    assert.equal(r.status, 303, textOf(r.body));
    r = await d.login('live', 'jdoe', 'Another-Day-77');
    assert.equal(r.location, '/live/');
  });
});
