/**
 * The revolt page's charts (browser code, bundled with uPlot by scripts/build.mjs into
 * /assets/revolt-chart.js; no CDN, nothing inline, so it runs under the strict CSP). The numbers
 * come from the page's own data table (#timeline-data), which stays as the accessible version:
 * volume against the expected band, negativity in a panel of its own, and the team's answers
 * marked on both. Post text never reaches this script.
 */
import uPlot from 'uplot';

interface Row {
  at: number;
  volume: number;
  expected: number | null;
  low: number | null;
  high: number | null;
  negativity: number;
}

function num(v: string | undefined): number | null {
  if (v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function readRows(table: HTMLTableElement): Row[] {
  return Array.from(table.querySelectorAll<HTMLTableRowElement>('tbody tr[data-at]')).map((tr) => ({
    at: Number(tr.dataset.at) / 1000,
    volume: num(tr.dataset.volume) ?? 0,
    expected: num(tr.dataset.expected),
    low: num(tr.dataset.low),
    high: num(tr.dataset.high),
    negativity: (num(tr.dataset.negativity) ?? 0) * 100,
  }));
}

function readAnswers(): { at: number; label: string }[] {
  return Array.from(document.querySelectorAll<HTMLElement>('#answers-data [data-at]')).map((el) => ({ at: Number(el.dataset.at) / 1000, label: el.dataset.label ?? 'answer' }));
}

/** Dashed vertical lines where the team answered, drawn on the canvas after the series. */
function answerMarks(answers: { at: number }[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.strokeStyle = '#0a7d32';
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
        for (const a of answers) {
          const x = Math.round(u.valToPos(a.at, 'x', true));
          if (x < bbox.left || x > bbox.left + bbox.width) continue;
          ctx.beginPath();
          ctx.moveTo(x, bbox.top);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

const tz = (ts: number) => new Date(ts * 1000).toISOString().slice(11, 16) + ' UTC';

function draw(): void {
  const table = document.getElementById('timeline-data') as HTMLTableElement | null;
  const volumeEl = document.getElementById('chart-volume');
  const negEl = document.getElementById('chart-negativity');
  if (!table || !volumeEl || !negEl) return;
  const rows = readRows(table);
  if (rows.length === 0) return;
  const answers = readAnswers();
  const xs = rows.map((r) => r.at);
  const hasBand = rows.some((r) => r.low !== null && r.high !== null);
  const sync = uPlot.sync('revolt');
  const width = () => Math.max(240, volumeEl.clientWidth);
  const xAxis: uPlot.Axis = { label: 'time (UTC)', values: (_u, ticks) => ticks.map(tz), space: 70 };
  const common = (height: number) => ({ width: width(), height, cursor: { sync: { key: sync.key }, drag: { x: false, y: false } }, plugins: [answerMarks(answers)] });

  const volume = new uPlot(
    {
      ...common(220),
      title: 'Volume of the revolt’s posts against the expected range',
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.15))] } },
      axes: [xAxis, { label: 'posts per interval', size: 56 }],
      series: [
        { label: 'time', value: (_u, v) => (v == null ? '—' : tz(v)) },
        { label: 'posts', stroke: '#c22', width: 2, fill: 'rgba(204,34,34,0.08)' },
        { label: 'expected', stroke: '#555', width: 1.5, dash: [6, 4], points: { show: false } },
        ...(hasBand ? [{ label: 'expected low', stroke: 'rgba(120,120,120,0.4)', width: 1, points: { show: false } }, { label: 'expected high', stroke: 'rgba(120,120,120,0.4)', width: 1, points: { show: false } }] : []),
      ],
      ...(hasBand ? { bands: [{ series: [4, 3] as [number, number], fill: 'rgba(120,120,120,0.15)' }] } : {}),
    },
    [xs, rows.map((r) => r.volume), rows.map((r) => r.expected), ...(hasBand ? [rows.map((r) => r.low), rows.map((r) => r.high)] : [])] as uPlot.AlignedData,
    volumeEl,
  );
  const negativity = new uPlot(
    {
      ...common(150),
      title: 'Negativity: share of the target’s posts that are negative',
      scales: { x: { time: true }, y: { range: [0, 100] } },
      axes: [xAxis, { label: '% negative', size: 56, values: (_u, ticks) => ticks.map((t) => `${t}%`) }],
      series: [{ label: 'time', value: (_u, v) => (v == null ? '—' : tz(v)) }, { label: 'negative', stroke: '#7a3cc2', width: 2, value: (_u, v) => (v == null ? '—' : `${Math.round(v)}%`) }],
    },
    [xs, rows.map((r) => r.negativity)],
    negEl,
  );
  sync.sub(volume);
  sync.sub(negativity);
  document.body.setAttribute('data-chart', 'ready');
  let pending = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      volume.setSize({ width: width(), height: 220 });
      negativity.setSize({ width: width(), height: 150 });
    });
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
else draw();
