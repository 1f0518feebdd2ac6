/**
 * The CX page's trend charts (browser code, bundled with uPlot by scripts/build.mjs into
 * /assets/cx-chart.js). Numbers come from the page's data tables; post text never reaches this
 * script. Each chart has a time axis, a labelled value axis, a legend, and fits its container
 * (a 390 px phone included).
 */
import uPlot from 'uplot';

const num = (v: string | undefined): number | null => {
  if (v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};
const day = (ts: number) => new Date(ts * 1000).toISOString().slice(5, 10);
const COLOURS = ['#1f6fb2', '#c22', '#2a8a2a', '#9a4dc2', '#d97a00', '#555'];

function rowsOf(table: HTMLTableElement): HTMLTableRowElement[] {
  return Array.from(table.querySelectorAll<HTMLTableRowElement>('tbody tr[data-at]'));
}

function chart(box: HTMLElement, title: string, yLabel: string, range: [number, number] | null, series: uPlot.Series[], data: uPlot.AlignedData, bands: uPlot.Band[], fmt: (v: number) => string): uPlot {
  const width = () => Math.max(240, box.clientWidth);
  const u = new uPlot(
    {
      width: width(),
      height: 200,
      title,
      scales: { x: { time: true }, y: range ? { range } : { auto: true } },
      axes: [
        { label: 'date (UTC)', values: (_u, ticks) => ticks.map(day), space: 60 },
        { label: yLabel, size: 52, values: (_u, ticks) => ticks.map(fmt) },
      ],
      series: [{ label: 'date', value: (_u, v) => (v == null ? '—' : new Date(v * 1000).toISOString().slice(0, 16).replace('T', ' ')) }, ...series],
      bands,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
    },
    data,
    box,
  );
  window.addEventListener('resize', () => u.setSize({ width: width(), height: 200 }));
  // uPlot draws axis titles on the canvas: name them on the box too (for tests and assistive tools)
  box.dataset.axes = `date (UTC)|${yLabel}`;
  box.dataset.series = series.map((s) => s.label).join('|');
  return u;
}

function trend(box: HTMLElement, table: HTMLTableElement, kind: 'index' | 'share'): void {
  const rows = rowsOf(table);
  if (!rows.length) return;
  const xs = rows.map((r) => Number(r.dataset.at) / 1000);
  const k = kind === 'index' ? 'index' : 'share';
  const scale = kind === 'index' ? 1 : 100;
  const get = (r: HTMLTableRowElement, f: string) => {
    const v = num(r.dataset[f]);
    return v === null ? null : v * scale;
  };
  const colour = kind === 'index' ? '#1f6fb2' : '#c22';
  const label = kind === 'index' ? 'index' : 'complaint share';
  chart(
    box,
    `${table.dataset.title ?? ''} — ${kind === 'index' ? 'promoter/detractor index' : 'complaint share'}`,
    kind === 'index' ? 'index' : '% of posts',
    kind === 'index' ? [-100, 100] : [0, 100],
    [
      { label, stroke: colour, width: 2, value: (_u, v) => (v == null ? '—' : kind === 'index' ? `${Math.round(v)}` : `${Math.round(v * 10) / 10}%`) },
      { label: '95 % low', stroke: 'rgba(120,120,120,0.5)', width: 1, points: { show: false } },
      { label: '95 % high', stroke: 'rgba(120,120,120,0.5)', width: 1, points: { show: false } },
    ],
    [xs, rows.map((r) => get(r, k)), rows.map((r) => get(r, `${k}Low`)), rows.map((r) => get(r, `${k}High`))] as uPlot.AlignedData,
    [{ series: [3, 2], fill: 'rgba(120,120,120,0.15)' }],
    (v) => (kind === 'index' ? `${v}` : `${v}%`),
  );
}

function shareOfVoice(box: HTMLElement, table: HTMLTableElement): void {
  const rows = rowsOf(table);
  if (!rows.length) return;
  const targets = Array.from(rows[0].querySelectorAll<HTMLElement>('td[data-target]')).map((td) => td.dataset.target!);
  const xs = rows.map((r) => Number(r.dataset.at) / 1000);
  const cols = targets.map((t) => rows.map((r) => {
    const td = r.querySelector<HTMLElement>(`td[data-target="${CSS.escape(t)}"]`);
    const v = num(td?.dataset.share);
    return v === null ? null : v * 100;
  }));
  chart(
    box,
    'Share of voice',
    '% of all targets’ posts',
    [0, 100],
    targets.map((t, i) => ({ label: t, stroke: COLOURS[i % COLOURS.length], width: 2, value: (_u: uPlot, v: number | null) => (v == null ? '—' : `${Math.round(v)}%`) })),
    [xs, ...cols] as uPlot.AlignedData,
    [],
    (v) => `${v}%`,
  );
}

function draw(): void {
  for (const box of Array.from(document.querySelectorAll<HTMLElement>('[data-chart-for]'))) {
    const table = document.getElementById(box.dataset.chartFor!) as HTMLTableElement | null;
    if (!table) continue;
    if (box.dataset.kind === 'sov') shareOfVoice(box, table);
    else trend(box, table, box.dataset.kind === 'share' ? 'share' : 'index');
  }
  document.body.setAttribute('data-chart', 'ready');
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
else draw();
