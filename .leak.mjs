import fs from 'node:fs'; import YAML from 'yaml';
const old = YAML.parse(fs.readFileSync('bench/fixtures/escalation-words-before-19.yaml','utf8'));
const cur = YAML.parse(fs.readFileSync('rules/escalation.yaml','utf8'));
const regs = YAML.parse(fs.readFileSync('rules/regulators.yaml','utf8'));
const oldSet = new Set(); for (const e of old.escalation) for (const [l,ps] of Object.entries(e.cues)) for (const p of ps) oldSet.add(l+':'+String(p).toLowerCase());
const posts = {}; for (const l of ['en','pl','zh']) posts[l] = fs.readFileSync(`data/eval/escalation-${l}.jsonl`,'utf8').trim().split('\n').map(JSON.parse);
const check = (l, p, where) => { const q = String(p).toLowerCase(); if (oldSet.has(l+':'+q)) return;
  const inDev = posts[l].some(x=>x.split==='dev' && x.text.toLowerCase().includes(q)); const inTest = posts[l].some(x=>x.split==='test' && x.text.toLowerCase().includes(q));
  if (inTest && !inDev) console.log(`${where}\t${l}\t${p}`); };
for (const e of cur.escalation) for (const f of ['cues','exact','unless']) for (const [l,ps] of Object.entries(e[f]??{})) for (const p of ps) check(l,p,e.id+'.'+f);
for (const [l,c] of Object.entries(cur.context)) for (const f of ['negators','skip','breakers','brand_voice']) for (const p of c[f]??[]) check(l,p,'context.'+l+'.'+f);
for (const r of regs.regulators) { for (const [l,ps] of Object.entries(r.names??{})) for (const p of ps) check(l,p,'reg.'+r.id); for (const a of r.acronyms??[]) for (const l of ['en','pl','zh']) check(l,a,'reg.'+r.id); }
