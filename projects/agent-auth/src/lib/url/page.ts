import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/**
 * The page the app runs on, as every part of the library reads it: what relative URLs resolve
 * against (`baseURI`), the origin a call may go to, where the user is (`href`, read without a
 * Router) and how to leave for another page. Read live: `<base href>` and the URL change while
 * the app runs.
 */
export interface AgentAuthPage {
  readonly href: string;
  readonly baseURI: string;
  readonly origin: string;
  assign(url: string): void;
}

/** What `pageOf` reads: a real `Document`, or anything shaped like the parts it uses. */
export interface PageSource {
  readonly baseURI: string;
  readonly location?: Pick<Location, 'href' | 'origin' | 'assign'> | null;
}

/**
 * The page of a document. A document without a location (detached, or built for server
 * rendering) is taken to be at its base URL.
 */
export function pageOf(doc: PageSource): AgentAuthPage {
  return {
    get href() {
      return doc.location?.href ?? doc.baseURI;
    },
    get baseURI() {
      return doc.baseURI;
    },
    get origin() {
      return doc.location?.origin ?? new URL(doc.baseURI).origin;
    },
    assign: (url: string) => doc.location?.assign(url),
  };
}

/**
 * The app's page: one token, so that tests can stand in for Karma's page.
 * @internal
 */
export const AGENT_AUTH_PAGE = new InjectionToken<AgentAuthPage>('AGENT_AUTH_PAGE', {
  providedIn: 'root',
  factory: () => pageOf(inject(DOCUMENT)),
});
