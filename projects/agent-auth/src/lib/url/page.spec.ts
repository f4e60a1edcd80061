import { TestBed } from '@angular/core/testing';

import { AGENT_AUTH_PAGE, pageOf } from './page';

describe('pageOf', () => {
  it("reads the document's URL, base URI and own origin", () => {
    const page = pageOf(document);
    expect(page.href).toBe(document.location.href);
    expect(page.baseURI).toBe(document.baseURI);
    expect(page.origin).toBe(document.location.origin);
  });

  it('reads live: a new <base href> is seen by the next read', () => {
    const doc = { baseURI: 'https://app.example/', location: null };
    const page = pageOf(doc);
    doc.baseURI = 'https://app.example/texera/';
    expect(page.baseURI).toBe('https://app.example/texera/');
  });

  it('takes a document without a location to be at its base URL', () => {
    const page = pageOf({ baseURI: 'https://app.example/texera/', location: null });
    expect(page.origin).toBe('https://app.example');
    expect(page.href).toBe('https://app.example/texera/');
    expect(() => page.assign('https://app.example/login')).not.toThrow();
  });

  it("leaves through the document's location", () => {
    const assign = jasmine.createSpy('assign');
    const location = { href: 'https://app.example/w/1', origin: 'https://app.example', assign };
    pageOf({ baseURI: 'https://app.example/', location }).assign('https://app.example/login');
    expect(assign).toHaveBeenCalledOnceWith('https://app.example/login');
  });
});

describe('AGENT_AUTH_PAGE', () => {
  it("is the injected document's page", () => {
    const page = TestBed.inject(AGENT_AUTH_PAGE);
    expect(page.baseURI).toBe(document.baseURI);
    expect(page.origin).toBe(document.location.origin);
    expect(page.href).toBe(document.location.href);
  });
});
