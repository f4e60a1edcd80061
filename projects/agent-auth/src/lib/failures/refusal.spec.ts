import { HttpErrorResponse } from '@angular/common/http';

import { refusalOf } from './refusal';

describe('refusalOf', () => {
  const response = (status: number) => new HttpErrorResponse({ status, url: '/api/agents' });

  it('maps a server 401 to rejected and a 403 to forbidden', () => {
    expect(refusalOf(response(401))).toEqual({ status: 401, reason: 'rejected' });
    expect(refusalOf(response(403))).toEqual({ status: 403, reason: 'forbidden' });
  });

  it('is null for every other status and for anything that is not an HttpErrorResponse', () => {
    for (const status of [0, 400, 404, 407, 419, 429, 500, 502]) {
      expect(refusalOf(response(status)))
        .withContext(String(status))
        .toBeNull();
    }
    for (const other of [new Error('401'), { status: 401 }, 401, null, undefined, 'x']) {
      expect(refusalOf(other)).toBeNull();
    }
  });
});
