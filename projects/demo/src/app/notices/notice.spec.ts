import type { AgentAuthFailure } from '@texera/agent-auth';

import { addNotice } from './notice';

const failure = (
  status: 401 | 403,
  reason: AgentAuthFailure['reason'],
  channel: AgentAuthFailure['channel'] = 'http',
): AgentAuthFailure => ({ status, reason, channel, url: 'http://localhost/api/agents' });

describe('failure notices', () => {
  it('not being signed in is said as "Signed out", not as an error', () => {
    const [notice] = addNotice([], failure(401, 'missing'));
    expect(notice.title).toBe('Signed out');
    expect(notice.tone).toBe('info');
  });

  it('a refused token is an error and a 403 a warning', () => {
    expect(addNotice([], failure(401, 'rejected'))[0].tone).toBe('error');
    expect(addNotice([], failure(401, 'expired', 'socket'))[0].tone).toBe('error');
    expect(addNotice([], failure(403, 'forbidden'))[0].tone).toBe('warn');
  });

  it('failures of one kind add up in one notice, newest kind first', () => {
    let list = addNotice([], failure(401, 'missing'));
    list = addNotice(list, failure(401, 'rejected'));
    list = addNotice(list, failure(401, 'missing'));
    expect(list.map((n) => `${n.failure.reason} ×${n.count}`)).toEqual([
      'missing ×2',
      'rejected ×1',
    ]);
  });
});
