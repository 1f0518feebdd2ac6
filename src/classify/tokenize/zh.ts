/** Chinese tokeniser: Han runs by dictionary maximum matching, everything else as Latin text. */
import { tokenizeLatin, type KeyFn } from './latin.js';
import type { Unit } from './unit.js';
import { segmentHanUnits, type ZhDict } from './zh-dict.js';

const HAN_RUN = /\p{Script=Han}+/gu;

export function tokenizeChinese(text: string, dict: ZhDict, latinKey: KeyFn): Unit[] {
  const units: Unit[] = [];
  let last = 0;
  HAN_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HAN_RUN.exec(text)) !== null) {
    if (m.index > last) for (const u of tokenizeLatin(text.slice(last, m.index), latinKey)) units.push(u);
    segmentHanUnits(m[0], dict, units);
    last = m.index + m[0].length;
  }
  if (last < text.length) for (const u of tokenizeLatin(text.slice(last), latinKey)) units.push(u);
  return units;
}
