export const APP_CSS = `
:root { font-family: system-ui, sans-serif; color: #1d1d1f; background: #f6f6f4; }
header { display: flex; gap: 2rem; align-items: center; padding: .6rem 1.2rem; background: #1d1d1f; }
header a { color: #fff; text-decoration: none; margin-right: 1rem; }
.brand { font-weight: 700; letter-spacing: .04em; }
main { padding: 1rem 1.2rem; max-width: 1200px; }
.banner { margin: 0; padding: .5rem 1.2rem; background: #fff4d6; border-bottom: 1px solid #e8d9a8; }
.revolt { background: #fff; border-left: 6px solid #d33; padding: .6rem 1rem; margin: .6rem 0; border-radius: 4px; }
.revolt.stage-emerging { border-color: #e8a33d; }
.revolt h3 { margin: 0 0 .3rem; font-size: 1.05rem; }
.meta, .why { margin: .2rem 0; color: #444; font-size: .9rem; }
.prio { display: inline-block; padding: 0 .4rem; border-radius: 3px; background: #333; color: #fff; font-size: .8rem; }
.prio.P1 { background: #c00; } .prio.P2 { background: #e36b00; } .prio.P3 { background: #b59b00; }
table.posts { width: 100%; border-collapse: collapse; background: #fff; font-size: .88rem; }
table.posts th, table.posts td { padding: .35rem .5rem; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
td.text { max-width: 520px; overflow-wrap: anywhere; white-space: pre-wrap; }
td.negative { color: #b00; } td.positive { color: #070; }
.empty { color: #666; }
header nav a[aria-current="page"] { text-decoration: underline; }
header .who { margin-left: auto; color: #ddd; font-size: .9rem; }
header .who a, header .who button { color: #fff; }
.inline { display: inline; margin-left: .5rem; }
button { font: inherit; padding: .2rem .7rem; border: 1px solid #333; border-radius: 4px; background: #1d1d1f; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #1d1d1f; }
header button { background: transparent; border-color: #888; }
button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, .revolt:focus-visible { outline: 3px solid #2b6cd4; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .3rem; z-index: 9; }
.flash { margin: .3rem 1.2rem; min-height: 1.2em; color: #064; } .flash.bad { color: #b00; }
.hint { color: #666; font-size: .85rem; }
.spark-row { display: flex; gap: 1rem; align-items: center; }
.top-posts { margin: .3rem 0; padding-left: 1.2rem; font-size: .88rem; } .top-posts li { overflow-wrap: anywhere; }
.actions { display: flex; flex-wrap: wrap; gap: .6rem; align-items: flex-end; margin: .4rem 0; }
.actions form.reply { display: flex; flex-direction: column; gap: .2rem; }
.actions textarea { min-width: 28rem; }
form.relabel { display: flex; gap: .3rem; align-items: center; flex-wrap: wrap; font-size: .85rem; }
form.filters, form.source-form, form.signin { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: .5rem 0; }
ol.inbox { list-style: none; padding: 0; } .inbox-item { background: #fff; padding: .5rem 1rem; margin: .5rem 0; border-radius: 4px; border-left: 6px solid #999; }
.inbox-item.prio-P1 { border-color: #c00; } .inbox-item.prio-P2 { border-color: #e36b00; }
blockquote.text { margin: .3rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.result, pre.file, dl.explain pre { background: #fff; padding: .5rem; overflow: auto; max-height: 24rem; white-space: pre-wrap; overflow-wrap: anywhere; }
dl.explain dt { font-weight: 600; } dl.explain dd { margin: 0 0 .4rem 1rem; } dl.explain pre { margin: 0; padding: .2rem; }
.health.ok { color: #070; } .health.failing, .health.backoff { color: #b00; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
figure.chart { margin: .5rem 0; } figcaption .key { margin-right: 1rem; font-size: .85rem; }
kbd { border: 1px solid #aaa; border-radius: 3px; padding: 0 .25rem; font-size: .8rem; }
`;
