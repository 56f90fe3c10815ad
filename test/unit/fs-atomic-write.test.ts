import assert from 'node:assert/strict';
import { chmodSync, chownSync, lstatSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DanglingLinkError, writeFileAtomic, writeFileAtomicSync } from '../../electron/core/fs/atomic-write.js';
import { tempDir } from '../support/tmp.js';

const isRoot = process.getuid?.() === 0;
const writers = [
  { name: 'async', write: writeFileAtomic },
  { name: 'sync', write: async (...args: Parameters<typeof writeFileAtomicSync>) => writeFileAtomicSync(...args) },
];

for (const { name, write } of writers) {
  describe(`atomic write (${name})`, () => {
    it('replaces the bytes and leaves no temp file', async () => {
      const dir = tempDir().path;
      const file = join(dir, 'f.json');
      writeFileSync(file, 'old');
      await write(file, 'new');
      assert.equal(readFileSync(file, 'utf8'), 'new');
      assert.deepEqual(readdirSync(dir), ['f.json']);
      await write(file, Buffer.from([0xff, 0x00]));
      assert.deepEqual(readFileSync(file), Buffer.from([0xff, 0x00]));
    });

    it('writes through a symbolic link: the link stays, its target changes', async () => {
      const dir = tempDir().path;
      writeFileSync(join(dir, 'target.json'), 'old');
      symlinkSync('target.json', join(dir, 'link.json'));
      await write(join(dir, 'link.json'), 'new');
      assert.ok(lstatSync(join(dir, 'link.json')).isSymbolicLink());
      assert.equal(readlinkSync(join(dir, 'link.json')), 'target.json');
      assert.equal(readFileSync(join(dir, 'target.json'), 'utf8'), 'new');
    });

    it('refuses a dangling link and leaves it as it was', async () => {
      const dir = tempDir().path;
      symlinkSync('missing.json', join(dir, 'link.json'));
      await assert.rejects(write(join(dir, 'link.json'), 'new'), (err: unknown) => err instanceof DanglingLinkError && err.target === 'missing.json');
      assert.equal(readlinkSync(join(dir, 'link.json')), 'missing.json');
      assert.deepEqual(readdirSync(dir), ['link.json']);
    });

    it('keeps the mode and owner of an existing file', async () => {
      const file = join(tempDir().path, 'f.json');
      writeFileSync(file, 'old');
      chmodSync(file, 0o640);
      if (isRoot) chownSync(file, 1234, 2345);
      await write(file, 'new');
      const stat = statSync(file);
      assert.equal(stat.mode & 0o777, 0o640);
      if (isRoot) assert.deepEqual([stat.uid, stat.gid], [1234, 2345]);
    });

    it('creates a new file 0600 (or as told), with its folder', async () => {
      const dir = tempDir().path;
      await write(join(dir, 'a', 'b', 'new.json'), 'x');
      assert.equal(statSync(join(dir, 'a', 'b', 'new.json')).mode & 0o777, 0o600);
      await write(join(dir, 'shared.json'), 'x', { newFileMode: 0o644 });
      assert.equal(statSync(join(dir, 'shared.json')).mode & 0o777, 0o644);
    });
  });
}
