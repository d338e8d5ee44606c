// The import rules of docs/architecture.md, checked by `npm run lint` (scripts/lint.mjs).
// Type-only imports count (tsPreCompilationDeps): a cycle through `import type` is still a cycle.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module reaches itself through its imports, type-only imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-pages-or-routes-below-the-web-layer',
      severity: 'error',
      comment:
        'Services, repositories and the domain modules beside them never import a page or a route: the web layer ' +
        'calls down, never the other way.',
      from: {
        path: '^src/',
        pathNot: ['\\.(routes|page|pages|plugin)\\.tsx?$', '/pages/', '^src/(views|http|sites|cli)/', '^src/(app|server|assemble)\\.tsx?$'],
      },
      to: { path: ['\\.(routes|page|pages)\\.tsx?$', '/pages/'] },
    },
    {
      name: 'only-repositories-build-queries',
      severity: 'error',
      comment:
        'Only repositories and src/db/ import values from Kysely (sql, expression helpers, dialects). A type-only ' +
        'import (Kysely, Transaction, Insertable …) stays allowed, so that a service can open a transaction and hand ' +
        'it to repositories; scripts/lint.mjs looks for queries written through such a type.',
      from: { path: '^src/', pathNot: ['\\.repository\\.ts$', '^src/db/'] },
      to: { path: '^node_modules/kysely/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-cross-feature-repository',
      severity: 'error',
      comment:
        "A feature uses another feature through that feature's service, never its repository. A feature is a folder " +
        'of src/, or of src/auth/ for the sign-in features.',
      from: { path: '^src/((?:auth/)?[^/]+)/' },
      to: { path: '\\.repository\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'sites-is-the-composition-root',
      severity: 'error',
      comment:
        'src/sites/ wires everything together, so only the web layer above it (app, server, routes and plugins) and ' +
        'the CLI import it; anything else would close a cycle through the wiring.',
      from: {
        path: '^src/',
        pathNot: ['^src/sites/', '^src/cli/', '^src/(app|server|assemble)\\.tsx?$', '\\.(routes|plugin)\\.tsx?$'],
      },
      to: { path: '^src/sites/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'Every import resolves; an import the tool cannot follow would hide from every rule above.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
