import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiMethodOf, contentSecurityPolicy, contentType, hostnameOf, isAllowedOrigin, isLoopbackHost } from '../../electron/web/security.js';

describe('web mode request checks', () => {
  it('accepts only loopback Host names (DNS rebinding)', () => {
    for (const h of ['127.0.0.1:9777', 'localhost:9777', 'LOCALHOST', '[::1]:9777', 'app.localhost:1']) assert.equal(isLoopbackHost(h), true, h);
    for (const h of [undefined, '', 'evil.example', 'evil.example:9777', '127.0.0.1.evil.example', '10.0.0.1:9777', 'localhost.evil.com', '[::2]:1']) {
      assert.equal(isLoopbackHost(h), false, String(h));
    }
    assert.equal(hostnameOf('[::1]:80'), '[::1]');
  });

  it('lets API calls through only from our own origin', () => {
    assert.equal(isAllowedOrigin(undefined, undefined, 9777), true);
    assert.equal(isAllowedOrigin('http://127.0.0.1:9777', 'same-origin', 9777), true);
    assert.equal(isAllowedOrigin('http://localhost:9777', undefined, 9777), true);
    assert.equal(isAllowedOrigin('http://127.0.0.1:9778', undefined, 9777), false);
    assert.equal(isAllowedOrigin('https://evil.example', undefined, 9777), false);
    assert.equal(isAllowedOrigin('null', undefined, 9777), false);
    assert.equal(isAllowedOrigin(undefined, 'cross-site', 9777), false);
    assert.equal(isAllowedOrigin(undefined, 'same-site', 9777), false);
  });

  it('the CSP allows only our own scripts, styles and connections', () => {
    assert.match(contentSecurityPolicy, /default-src 'none'/);
    assert.match(contentSecurityPolicy, /script-src 'self'(;|$)/);
    assert.doesNotMatch(contentSecurityPolicy, /unsafe-inline|unsafe-eval|\*/);
    assert.match(contentSecurityPolicy, /frame-ancestors 'none'/);
  });

  it('maps paths and types', () => {
    assert.equal(apiMethodOf('/api/getSummary'), 'getSummary');
    assert.equal(apiMethodOf('/api/get-summary'), null);
    assert.equal(apiMethodOf('/api/__proto__'), null);
    assert.equal(contentType('/a/b.js'), 'text/javascript; charset=utf-8');
    assert.equal(contentType('/a/b'), 'application/octet-stream');
  });
});
