import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../electron/cli/index.js';

const root = mkdtempSync(join(tmpdir(), 'ccmon-web-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function ccmon(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(args, { stdout: () => undefined, stderr: (t) => (err += t), isTTY: false }, env);
  return { code, err };
}

const baseEnv = (rendererDir: string): NodeJS.ProcessEnv => ({
  HOME: root,
  CCMON_CONFIG_DIR: join(root, 'app'),
  CCMON_RENDERER_DIR: rendererDir,
  DOCKER_HOST: 'unix:///nonexistent/docker.sock',
});

describe('ccmon web (failures a person can act on)', () => {
  it('says to build first when the dashboard is not built', async () => {
    const r = await ccmon(['web', '--port', '0'], baseEnv(join(root, 'missing')));
    assert.equal(r.code, 1);
    assert.match(r.err, /not built.*npm run build/s);
  });

  it('rejects a bad --port', async () => {
    const dir = join(root, 'renderer');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const r = await ccmon(['web', '--port', 'http'], baseEnv(dir));
    assert.equal(r.code, 2);
    assert.match(r.err, /not a port number/);
  });

  it('names the port in use and what to do', async () => {
    const dir = join(root, 'renderer');
    const blocker = net.createServer();
    await new Promise<void>((res) => blocker.listen({ host: '127.0.0.1', port: 0 }, () => res()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await ccmon(['web', '--port', String(port)], baseEnv(dir));
      assert.equal(r.code, 1);
      assert.match(r.err, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is in use.*--port`, 's'));
    } finally {
      await new Promise<void>((res) => blocker.close(() => res()));
    }
  });
});
