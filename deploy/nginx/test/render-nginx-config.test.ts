import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderNginxConfig } from '../../../e2e/nginx-stack';

describe('renderNginxConfig', () => {
  it('puts loopback upstreams into the deploy file and keeps everything else', () => {
    const out = renderNginxConfig('agent-auth.http.conf', {
      'server access-control-service:9096;': 'server 127.0.0.1:1111;',
      'server agent-service:3001;': 'server 127.0.0.1:2222;',
    });
    assert.match(out, /upstream texera_access_control \{\s+server 127\.0\.0\.1:1111;/);
    assert.match(out, /upstream texera_agent_service \{\s+server 127\.0\.0\.1:2222;/);
    assert.doesNotMatch(out, /access-control-service:9096|agent-service:3001/);
    assert.match(out, /log_format agent_auth /);
  });

  it('refuses a replacement whose text is not in the file exactly once', () => {
    assert.throws(
      () => renderNginxConfig('agent-auth.server.conf', { 'server nowhere:1;': 'x' }),
      /occurs 0 times, expected once/,
    );
    assert.throws(
      () => renderNginxConfig('agent-auth.server.conf', { proxy_set_header: 'x' }),
      /occurs \d+ times, expected once/,
    );
  });
});
