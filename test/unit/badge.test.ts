import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { badgePlaceholder, fillCiBadge, gitHubRepositoryOf } from '../../src/core/scaffold/badge';
import { planProject } from '../../src/core/scaffold/plan';
import { templates } from '../../src/core/scaffold/templates';
import { assertProperty } from './helpers/property';

describe('CI badge of generated projects', () => {
  it('reads the GitHub repository of the usual remote URL forms', () => {
    for (const url of ['https://github.com/octo-cat/ml.demo.git', 'https://github.com/octo-cat/ml.demo', 'git@github.com:octo-cat/ml.demo.git', 'ssh://git@github.com/octo-cat/ml.demo.git', ' https://github.com/octo-cat/ml.demo/ ']) {
      assert.deepEqual(gitHubRepositoryOf(url), { owner: 'octo-cat', name: 'ml.demo' }, url);
    }
  });

  it('refuses other hosts, other shapes and names GitHub does not allow', () => {
    for (const url of ['https://gitlab.com/o/r.git', 'https://github.com.evil.example/o/r', 'http://github.com/o/r', 'https://github.com/o', 'https://github.com/o/r/extra', 'https://github.com/-o/r', 'https://github.com/o/r)(x', 'git@github.com:o/../r', 'https://github.com/o/..', 'file:///github.com/o/r', '']) {
      assert.equal(gitHubRepositoryOf(url), undefined, url);
    }
  });

  it('never throws, and what it accepts is safe in Markdown and URLs (property)', () => {
    const remote = fc.oneof(fc.string(), fc.webUrl(), fc.tuple(fc.constantFrom('https://github.com/', 'git@github.com:', 'ssh://git@github.com/'), fc.string(), fc.constantFrom('/', '//', ''), fc.string()).map((p) => p.join('')));
    assertProperty(
      fc.property(remote, (url) => {
        const found = gitHubRepositoryOf(url);
        if (found) assert.match(`${found.owner}/${found.name}`, /^[\w.-]+\/[\w.-]+$/);
      }),
    );
  });

  it('fills every placeholder badge and nothing else; a filled README is left alone', () => {
    const readme = `# x\n\n![CI](https://github.com/${badgePlaceholder}/actions/workflows/ci.yml/badge.svg)\n\nText with <you> and <repo>.\n`;
    const filled = fillCiBadge(readme, { owner: 'octo', name: 'demo' });
    assert.equal(filled, '# x\n\n![CI](https://github.com/octo/demo/actions/workflows/ci.yml/badge.svg)\n\nText with <you> and <repo>.\n');
    assert.equal(fillCiBadge(filled!, { owner: 'other', name: 'repo' }), undefined);
  });

  for (const template of templates) {
    it(`${template.manifest.id}: the README ships the placeholder badge of the CI workflow it ships`, () => {
      const files = planProject(template, { name: 'demo-project', license: 'MIT', docker: true, ci: true, year: 2026 });
      const readme = files.find((f) => f.path === 'README.md')?.content ?? '';
      assert.ok(files.some((f) => f.path === '.github/workflows/ci.yml'));
      assert.match(fillCiBadge(readme, { owner: 'octo', name: 'demo' }) ?? '', /https:\/\/github\.com\/octo\/demo\/actions\/workflows\/ci\.yml\/badge\.svg/);
    });
  }
});
