// The shape every section reports in, so one printer makes the stdout table, the JSON and the
// markdown alike.

export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  /** Decimal places for numbers; ratios are printed as "0.42x". */
  digits?: number;
  ratio?: boolean;
  /** Left-aligned (names, paths); numbers are right-aligned. */
  text?: boolean;
}

export interface Goal {
  text: string;
  met: boolean;
  /** The figure the goal was judged on, as printed. */
  actual: string;
}

export interface Section {
  title: string;
  /** How the figures were taken, one line. */
  method: string;
  columns: Column[];
  rows: Record<string, Cell>[];
  goals: Goal[];
}

export interface Report {
  machine: string;
  command: string;
  smoke: boolean;
  seconds: number;
  sections: Section[];
}

export function cell(value: Cell, column: Column): string {
  if (value === null) return '-';
  if (typeof value === 'string') return value;
  if (column.ratio) return `${value.toFixed(2)}x`;
  return value.toLocaleString('en-US', {
    maximumFractionDigits: column.digits ?? 0,
    minimumFractionDigits: column.digits ?? 0,
  });
}

export function goal(text: string, actual: number, met: (value: number) => boolean): Goal {
  return { text, met: met(actual), actual: `${actual.toFixed(2)}x` };
}

/** Columns padded for a terminal. */
export function textTable(section: Section): string {
  const head = section.columns.map((c) => c.label);
  const body = section.rows.map((row) => section.columns.map((c) => cell(row[c.key] ?? null, c)));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((text, i) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i])))
      .join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function markdownTable(section: Section): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    row(section.columns.map((c) => c.label)),
    row(section.columns.map((c) => (c.text ? '---' : '---:'))),
    ...section.rows.map((r) => row(section.columns.map((c) => cell(r[c.key] ?? null, c)))),
  ].join('\n');
}

export function goalLines(section: Section): string[] {
  return section.goals.map((g) => `${g.met ? 'MET    ' : 'NOT MET'} ${g.text}: ${g.actual}`);
}

export function textReport(report: Report): string {
  const parts = [`agent-auth bench${report.smoke ? ' (smoke: figures meaningless)' : ''}`];
  parts.push(`machine: ${report.machine}`, `command: ${report.command}`);
  for (const section of report.sections) {
    parts.push('', `## ${section.title}`, section.method, '', textTable(section));
    if (section.goals.length) parts.push('', ...goalLines(section));
  }
  parts.push('', `took ${report.seconds} s`);
  return parts.join('\n');
}
