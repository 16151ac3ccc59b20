import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPrivateHost, webhookUrlRefusal } from '../../../src/server/alerts/webhookUrlPolicy.js';

test('webhook URLs: loopback, private, link-local and mapped addresses are refused unless allowed; an allowlist is exact', () => {
  const strict = { allowPrivate: false };
  for (const url of [
    'http://127.0.0.1:9/',
    'http://localhost/',
    'http://a.localhost/',
    'http://10.1.2.3/',
    'http://172.20.0.1/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest',
    'http://0.0.0.0/',
    'http://100.64.0.1/',
    'http://[::1]/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://[::ffff:127.0.0.1]/',
  ])
    assert.notEqual(webhookUrlRefusal(url, strict), null, url);
  for (const url of ['https://hooks.example.com/x', 'http://8.8.8.8/', 'http://172.32.0.1/', 'http://[2001:db8::1]/'])
    assert.equal(webhookUrlRefusal(url, strict), null, url);
  assert.equal(webhookUrlRefusal('http://127.0.0.1:9/', { allowPrivate: true }), null);
  assert.match(webhookUrlRefusal('ftp://example.com/', { allowPrivate: true }) ?? '', /http/);
  assert.match(webhookUrlRefusal('http://u:p@example.com/', { allowPrivate: true }) ?? '', /credentials/);
  const list = { allowPrivate: false, allowHosts: ['hooks.example.com', '127.0.0.1'] };
  assert.equal(webhookUrlRefusal('https://HOOKS.example.com/a', list), null);
  assert.equal(webhookUrlRefusal('http://127.0.0.1:8080/', list), null, 'an allowlisted loopback host');
  assert.match(webhookUrlRefusal('https://evil.example.com/', list) ?? '', /allowlist/);
  assert.equal(isPrivateHost('example.com'), false);
});
