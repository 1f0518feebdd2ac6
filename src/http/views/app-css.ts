// The dashboard's stylesheet, served as /assets/app.css (style-src 'self'). Mobile first: every page
// fits a 390 px screen without sideways scrolling; tables become stacked cards on narrow screens.
export const APP_CSS = `
:root { font-family: system-ui, sans-serif; color: #1d1d1f; background: #f6f6f4; --ok: #0a7d32; --warn: #a05a00; --bad: #b00; }
* { box-sizing: border-box; }
body { margin: 0; overflow-wrap: anywhere; }
header { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: center; padding: .5rem .8rem; background: #1d1d1f; }
header a { color: #fff; text-decoration: none; }
header nav { display: flex; flex-wrap: wrap; gap: .2rem .9rem; }
header nav a { padding: .25rem 0; }
.brand { font-weight: 700; letter-spacing: .04em; }
main { padding: .8rem; max-width: 1200px; }
h2 { font-size: 1.3rem; margin: .4rem 0 .6rem; } h3 { font-size: 1.05rem; }
.banner { margin: 0; padding: .5rem .8rem; background: #fff4d6; border-bottom: 1px solid #e8d9a8; font-size: .9rem; }
.revolt { background: #fff; border-left: 6px solid #d33; padding: .6rem .8rem; margin: .6rem 0; border-radius: 4px; }
.revolt.stage-emerging { border-color: #e8a33d; }
.revolt h3 { margin: 0 0 .3rem; font-size: 1.05rem; }
.meta, .why { margin: .2rem 0; color: #444; font-size: .9rem; }
.prio { display: inline-block; padding: 0 .4rem; border-radius: 3px; background: #333; color: #fff; font-size: .8rem; }
.prio.P1 { background: #c00; } .prio.P2 { background: #e36b00; } .prio.P3 { background: #8a7600; }
table { border-collapse: collapse; }
table.posts { width: 100%; background: #fff; font-size: .88rem; }
table.posts th, table.posts td { padding: .35rem .5rem; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
td.text { max-width: 520px; white-space: pre-wrap; }
td.negative, .negative { color: var(--bad); } td.positive, .positive { color: #070; }
.table-wrap { max-width: 100%; overflow-x: auto; }
.empty { color: #666; }
header nav a[aria-current="page"] { text-decoration: underline; text-underline-offset: 4px; }
header .who { margin-left: auto; color: #ddd; font-size: .9rem; display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
header .who a, header .who button { color: #fff; }
.inline { display: inline; }
button, .button { font: inherit; padding: .3rem .8rem; border: 1px solid #333; border-radius: 4px; background: #1d1d1f; color: #fff; cursor: pointer; min-height: 2.2rem; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: #1d1d1f; }
button:disabled { opacity: .5; cursor: default; }
header button { background: transparent; border-color: #888; min-height: 0; }
input, select, textarea { font: inherit; max-width: 100%; }
button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, .revolt:focus-visible, summary:focus-visible { outline: 3px solid #2b6cd4; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .3rem; z-index: 9; }
.flash { margin: .3rem .8rem; min-height: 1.2em; color: #064; } .flash.bad { color: var(--bad); }
.hint { color: #666; font-size: .85rem; }
.spark-row { display: flex; flex-wrap: wrap; gap: .3rem 1rem; align-items: center; }
.top-posts { margin: .3rem 0; padding-left: 1.2rem; font-size: .88rem; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; margin: .4rem 0; }
.actions form { display: flex; flex-wrap: wrap; gap: .3rem; align-items: flex-end; margin: 0; min-width: 0; max-width: 100%; }
.actions select, .actions input { min-width: 0; max-width: 100%; flex: 0 1 auto; }
select { text-overflow: ellipsis; }
form.stack { display: flex; flex-direction: column; gap: .3rem; align-items: stretch; margin: .4rem 0; }
form.stack textarea { width: 100%; }
form.relabel { display: flex; gap: .3rem; align-items: center; flex-wrap: wrap; font-size: .85rem; }
form.filters, form.source-form, form.signin { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: .5rem 0; }
blockquote.text { margin: .3rem 0; white-space: pre-wrap; }
pre { white-space: pre-wrap; }
pre.result, pre.file, dl.explain pre { background: #fff; padding: .5rem; overflow: auto; max-height: 24rem; }
dl.explain dt { font-weight: 600; } dl.explain dd { margin: 0 0 .4rem 1rem; }
.health.ok { color: #070; } .health.failing, .health.backoff { color: var(--bad); }
.two { display: grid; grid-template-columns: 1fr; gap: 1rem; }
figure.chart { margin: .5rem 0; } figcaption .key { margin-right: 1rem; font-size: .85rem; }
svg.bars, svg.chart-svg { max-width: 100%; height: auto; }
kbd { border: 1px solid #aaa; border-radius: 3px; padding: 0 .25rem; font-size: .8rem; }
code { font-size: .85em; }
.card { background: #fff; border-radius: 4px; padding: .6rem .8rem; margin: .6rem 0; }
/* the desk */
.views { display: flex; flex-wrap: wrap; gap: .3rem; margin: .4rem 0; padding: 0; list-style: none; }
.views a { display: inline-block; padding: .25rem .6rem; border: 1px solid #bbb; border-radius: 999px; color: #1d1d1f; text-decoration: none; font-size: .9rem; background: #fff; }
.views a[aria-current="page"] { background: #1d1d1f; color: #fff; border-color: #1d1d1f; }
.views .count { font-weight: 600; }
ol.inbox { list-style: none; padding: 0; margin: 0; }
.case-row { background: #fff; padding: .5rem .8rem; margin: .5rem 0; border-radius: 4px; border-left: 6px solid #999; display: grid; grid-template-columns: 1fr; gap: .2rem; }
.case-row.prio-P1 { border-color: #c00; } .case-row.prio-P2 { border-color: #e36b00; }
.case-row h3 { margin: 0; font-size: 1rem; }
.case-row.sla-near-breach { background: #fff8e6; }
.case-row.sla-breached { background: #fdeceb; border-left-color: var(--bad); }
.case-row .row-actions { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.sla { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .85rem; font-variant-numeric: tabular-nums; border: 1px solid #ccc; background: #f4f4f4; }
.sla.near-breach { background: #ffe9b8; border-color: #e0a800; color: #5a3b00; }
.sla.breached { background: var(--bad); border-color: var(--bad); color: #fff; font-weight: 600; }
.sla.met { background: #e3f4e8; border-color: #9bd0ab; color: #0a5a26; }
.warning { background: #fff4d6; border: 1px solid #e0b84a; padding: .4rem .6rem; border-radius: 4px; margin: .4rem 0; }
.warning[hidden] { display: none; }
.status-pill { display: inline-block; padding: 0 .4rem; border-radius: 3px; background: #eee; font-size: .85rem; }
.status-pill.sent, .status-pill.answered { background: #e3f4e8; } .status-pill.dead, .status-pill.rejected { background: #fdeceb; } .status-pill.awaiting_approval { background: #ffe9b8; }
ul.posts-list { list-style: none; padding: 0; margin: .3rem 0; }
ul.posts-list > li { background: #fff; border-radius: 4px; padding: .5rem .6rem; margin: .4rem 0; border: 1px solid #eee; }
ul.posts-list > li.st-resolved, ul.posts-list > li.st-dismissed { opacity: .65; }
ul.posts-list label.pick { display: inline-flex; gap: .3rem; align-items: center; }
details.more > summary { cursor: pointer; padding: .3rem 0; font-weight: 600; }
.bulk { position: sticky; bottom: 0; background: #f6f6f4; padding: .4rem 0; border-top: 1px solid #ddd; }
ol.trail { padding-left: 1.2rem; font-size: .9rem; } ol.trail li { margin: .15rem 0; }
.load { display: inline-block; width: 8rem; max-width: 40vw; height: .7rem; background: #eee; border-radius: 3px; vertical-align: middle; overflow: hidden; }
.load > span { display: block; height: 100%; background: #2b6cd4; }
.load.full > span { background: var(--bad); }
.load .w0 { width: 0%; } .load .w10 { width: 10%; } .load .w20 { width: 20%; } .load .w30 { width: 30%; } .load .w40 { width: 40%; } .load .w50 { width: 50%; } .load .w60 { width: 60%; } .load .w70 { width: 70%; } .load .w80 { width: 80%; } .load .w90 { width: 90%; } .load .w100 { width: 100%; }
.chart-box { width: 100%; min-height: 120px; }
.chart-box .u-title { font-size: .95rem; font-weight: 600; }
table.data { font-size: .85rem; background: #fff; }
table.data th, table.data td { padding: .2rem .5rem; border-bottom: 1px solid #eee; text-align: right; }
table.data th:first-child, table.data td:first-child { text-align: left; }
table.moments td.cell { vertical-align: top; min-width: 6.5rem; }
table.moments th { white-space: nowrap; }
table.moments td.cell span { display: block; font-size: .75rem; color: #555; }
table.moments td.trend-up { background: #fdecec; }
table.moments td.trend-down { background: #eaf6ec; }
table.moments .count { font-size: 1rem; }
.trend .chart-box { max-width: 100%; overflow: hidden; margin: .4rem 0; }
@media print { header, nav, .skip, .banner, .noprint, form.filters { display: none !important; } main { padding: 0; } a { color: inherit; text-decoration: none; } }
.headline { background: #fff7e0; padding: .4rem .6rem; border-left: 4px solid #d9a400; }
@media (min-width: 760px) {
  main { padding: 1rem 1.2rem; }
  header { padding: .6rem 1.2rem; }
  .two { grid-template-columns: 1fr 1fr; }
  .case-row { grid-template-columns: 1fr auto; align-items: center; }
  .case-row .row-actions { justify-content: flex-end; }
  .case-layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.2rem; align-items: start; }
}
@media (max-width: 759px) {
  table.stack thead { position: absolute; left: -9999px; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border-bottom: 2px solid #e4e4e4; padding: .3rem 0; }
  table.stack td { border: 0; padding: .15rem .5rem; max-width: none; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: #555; }
}
`;
