import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderHelmTemplate, type HelmInput } from './render-helm-template';

const input: HelmInput = {
  release: { name: 'texera', namespace: 'ns' },
  values: { svc: { name: 'acs', port: 9096, on: true, off: false, empty: '' } },
};

describe('renderHelmTemplate', () => {
  it('substitutes release fields and nested values', () => {
    const out = renderHelmTemplate(
      'a: {{ .Release.Name }}-{{ .Values.svc.name }}\nb: {{ .Values.svc.port }}\nc: {{ .Release.Namespace }}',
      input,
    );
    assert.equal(out, 'a: texera-acs\nb: 9096\nc: ns');
  });

  it('trims whitespace on the marked side only, like Go templates', () => {
    assert.equal(renderHelmTemplate('x\n  {{- .Values.svc.name }}\n', input), 'xacs\n');
    assert.equal(renderHelmTemplate('x {{ .Values.svc.name -}}\n\n y', input), 'x acsy');
  });

  it('keeps or drops an if block by Go truthiness', () => {
    const block = (ref: string) => `k:\n{{- if ${ref} }}\n  v: 1\n{{- end }}\n`;
    assert.equal(renderHelmTemplate(block('.Values.svc.on'), input), 'k:\n  v: 1\n');
    assert.equal(renderHelmTemplate(block('.Values.svc.off'), input), 'k:\n');
    assert.equal(renderHelmTemplate(block('.Values.svc.empty'), input), 'k:\n');
    assert.equal(renderHelmTemplate(block('.Values.svc.absent'), input), 'k:\n');
  });

  it('throws on forms it does not render, rather than rendering them wrongly', () => {
    for (const form of [
      '{{ .Values.svc.name | quote }}',
      '{{ include "x" . }}',
      '{{ .Chart.Name }}',
      '{{ $x := 1 }}',
      '{{ else }}',
    ])
      assert.throws(() => renderHelmTemplate(form, input), /unsupported template action/, form);
  });

  it('throws on a missing value and on a missing parent', () => {
    assert.throws(
      () => renderHelmTemplate('{{ .Values.svc.absent }}', input),
      /no printable value/,
    );
    assert.throws(() => renderHelmTemplate('{{ .Values.nope.port }}', input), /nil pointer/);
    assert.throws(() => renderHelmTemplate('{{ .Values.svc }}', input), /no printable value/);
  });

  it('throws on unbalanced if/end', () => {
    assert.throws(() => renderHelmTemplate('{{ if .Values.svc.on }}x', input), /without \{\{ end/);
    assert.throws(() => renderHelmTemplate('x{{ end }}', input), /without \{\{ if/);
  });
});
