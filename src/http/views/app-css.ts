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
`;
