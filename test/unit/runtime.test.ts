import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
};
const major = (version: string) => Number(/\d+/.exec(version)?.[0]);

describe('the Node that runs Hearth', () => {
  it('is the major version engines names, installed by npm as the node package, and the one running this suite', () => {
    const wanted = major(pkg.engines.node);
    assert.equal(wanted, 24, 'Node 24 LTS');
    assert.equal(major(pkg.dependencies.node ?? ''), wanted, 'the node package brings the same major version');
    // npm scripts put node_modules/.bin first on PATH, so `npm test` and `npm start` run on that Node,
    // whatever Node runs npm itself.
    assert.equal(major(process.versions.node), wanted, `this suite runs on Node ${process.version}: start it with npm test`);
  });
});
