import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

export type TexeraRole = 'REGULAR' | 'ADMIN' | 'RESTRICTED' | 'INACTIVE';

export interface DevTokenRequest {
  readonly role: TexeraRole;
  readonly ttlSeconds: number;
  readonly name?: string;
}

/**
 * The gateway's development-only `POST /dev/token`, standing in for Texera's login endpoint:
 * it signs a Texera-shaped HS256 token with the secret the gateway and agent-service share.
 */
@Injectable({ providedIn: 'root' })
export class DevTokenService {
  private readonly http = inject(HttpClient);

  mint(request: DevTokenRequest): Observable<string> {
    return this.http
      .post<{ token: string }>('/dev/token', request)
      .pipe(map((response) => response.token));
  }
}
