import type { Injector } from '@angular/core';
import { AgentSocketConnector } from '@texera/agent-auth/rxjs';

import { AgentSocketFactory } from './socket-factory';

/** Both socket APIs as one app uses them: `url`/`open` from the core, `connect` from /rxjs. */
export function socketApis(injector: Pick<Injector, 'get'>) {
  const factory = injector.get(AgentSocketFactory);
  const connector = injector.get(AgentSocketConnector);
  return {
    url: factory.url.bind(factory),
    open: factory.open.bind(factory),
    connect: connector.connect.bind(connector),
  };
}

export type SocketApis = ReturnType<typeof socketApis>;
