/** Which repository, branch and worktree a folder is in, read from real git repositories made here. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gitInfo, ownerRepo } from '../../electron/core/projects/git-info.js';
import { projectOf, recordedAs } from '../../electron/core/projects/session-record.js';
import { tempDir } from '../support/tmp.js';

const dir = tempDir('ccmon-git-');
after(() => dir.remove());
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });

function repo(name: string, branch = 'main'): string {
  const root = join(dir.path, name);
  mkdirSync(join(root, 'src', 'deep'), { recursive: true });
  git(root, 'init', '-q', '-b', branch);
  writeFileSync(join(root, 'README'), 'x');
  git(root, 'add', '.');
  git(root, 'commit', '-qm', 'first');
  return root;
}

describe('git info from the repository files', () => {
  it('a checkout: its top-level name, branch and origin owner/repo, from a folder deep inside', () => {
    const root = repo('alpha');
    git(root, 'remote', 'add', 'origin', 'git@github.com:acme/alpha-service.git');
    git(root, 'remote', 'add', 'fork', 'https://github.com/me/alpha-fork');
    assert.deepEqual(gitInfo(join(root, 'src', 'deep')), { root, branch: 'main', worktree: '', remote: 'acme/alpha-service' });
    assert.deepEqual(projectOf(join(root, 'src')), { project: 'alpha', branch: 'main', worktree: '', repo: 'acme/alpha-service' });
  });

  it('a non-default branch, a detached HEAD', () => {
    const root = repo('beta', 'feature/login');
    assert.equal(gitInfo(root).branch, 'feature/login');
    const sha = git(root, 'rev-parse', 'HEAD').trim();
    git(root, 'checkout', '-q', '--detach');
    assert.equal(gitInfo(root).branch, `detached@${sha.slice(0, 7)}`);
  });

  it('a linked worktree counts under the main repository, with its own name and branch', () => {
    const root = repo('gamma');
    const wt = join(dir.path, 'gamma-wt');
    git(root, 'worktree', 'add', '-q', '-b', 'hotfix', wt);
    assert.deepEqual(projectOf(join(wt)), { project: 'gamma', branch: 'hotfix', worktree: 'gamma-wt', repo: '' });
  });

  it('a bare repository, a plain folder, a folder that no longer exists', () => {
    const bare = join(dir.path, 'delta.git');
    git(dir.path, 'init', '-q', '--bare', bare);
    assert.equal(projectOf(bare).project, 'delta');
    const plain = join(dir.path, 'plain', 'notes');
    mkdirSync(plain, { recursive: true });
    rmSync(join(dir.path, '.git'), { recursive: true, force: true });
    assert.deepEqual(projectOf(plain), { project: 'notes', branch: '', worktree: '', repo: '' });
    assert.deepEqual(projectOf(join(dir.path, 'gone', 'away')), { project: 'away', branch: '', worktree: '', repo: '' });
  });

  it('owner/repo from the usual remote URL forms', () => {
    for (const url of ['git@github.com:acme/tool.git', 'https://github.com/acme/tool', 'https://github.com/acme/tool.git/', 'ssh://git@gitlab.example:2222/acme/tool.git', 'https://user@bitbucket.org/acme/tool.git']) assert.equal(ownerRepo(url), 'acme/tool', url);
    assert.equal(ownerRepo('/srv/git/tool.git'), '');
  });

  it('privacy: names, hashes (stable, not the name) or nothing', () => {
    const record = { project: 'secret-project', branch: 'main', worktree: '', repo: 'acme/secret' };
    assert.deepEqual(recordedAs(record, 'name'), record);
    const hashed = recordedAs(record, 'hash')!;
    assert.match(hashed.project, /^h:[0-9a-f]{12}$/);
    assert.doesNotMatch(JSON.stringify(hashed), /secret|acme/);
    assert.deepEqual(recordedAs(record, 'hash'), hashed, 'the same project hashes alike');
    assert.equal(hashed.worktree, '', 'an empty value stays empty');
    assert.equal(recordedAs(record, 'off'), null);
  });
});
