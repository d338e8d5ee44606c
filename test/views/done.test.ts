import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { doneOf } from '../../src/views/done.js';

describe('?done= after a change redirected back to a page', () => {
  const messages = { saved: 'Your changes are saved.', deleted: 'Deleted.' } as const;

  it('names one of the page’s own messages', () => {
    assert.equal(doneOf(messages, { done: 'saved' }), 'saved');
  });

  it('shows nothing for anything else: unknown keys, inherited names, repeated or missing values', () => {
    for (const query of [{ done: 'hacked' }, { done: 'toString' }, { done: '__proto__' }, { done: ['saved', 'saved'] }, {}, null, undefined]) {
      assert.equal(doneOf(messages, query), null, JSON.stringify(query));
    }
  });
});
