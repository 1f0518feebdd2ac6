/**
 * What the scenario injects into the background week: eight revolts and three decoys, written by
 * the project ({h} = the target's handle, {n} = its name, {c} = a city). One set for the made-up
 * brands (synthetic and mixed backgrounds), one for the six airlines of the real airline week.
 * Days count from the start of the week; hours are UTC.
 */
export interface RevoltSpec {
  name: string;
  kind: 'topic' | 'phrase' | 'hashtag';
  target: string;
  day: number;
  hour: number;
  voices: number;
  rampMin: number;
  texts: string[];
}

export interface DecoySpec {
  name: string;
  kind: 'decoy-happy' | 'decoy-one-author' | 'decoy-news';
  target: string;
  day: number;
  hour: number;
  durationMin: number;
  posts: number;
  texts: string[];
}

/** Eight revolts: sizes 12–60 voices, ramps 25 min–3 h, three of them at night. */
export const REVOLTS: RevoltSpec[] = [
  { name: 'grounded hashtag (evening)', kind: 'hashtag', target: 'nimbus-air', day: 1, hour: 21.25, voices: 16, rampMin: 60, texts: ['{h} stuck in {c} for the night without a hotel, awful #GroundedByNimbus', 'cancelled with zero notice and nobody at the desk #GroundedByNimbus', 'four hours on the tarmac in {c} then sent home, terrible #GroundedByNimbus', 'they just abandoned us at {c} airport, disgusting #GroundedByNimbus', 'families sleeping on the floor in {c} #GroundedByNimbus', 'worst night ever, flight cancelled and no help #GroundedByNimbus'] },
  { name: 'surge fee phrase (night)', kind: 'phrase', target: 'quickcart', day: 2, hour: 3.3, voices: 20, rampMin: 90, texts: ['{h} a surge fee of 9 euros on a 20 euro order?? no way', 'since when is there a surge fee on groceries', 'the new surge fee doubled my basket in {c}, deleting the app', 'surge fee at 3am, really? who is ordering that much', 'hidden surge fee only shows at checkout, shady', 'not paying a surge fee for bread'] },
  { name: 'locked accounts hashtag', kind: 'hashtag', target: 'lumen-bank', day: 3, hour: 10, voices: 40, rampMin: 120, texts: ['{h} my account is frozen and I cannot pay rent, this is terrible #LumenLocked', 'still locked out of my savings for two days now #LumenLocked', 'salary arrived and I cannot touch it, ridiculous #LumenLocked', 'support says wait 72 hours, useless #LumenLocked', 'cannot buy food, card blocked for no reason #LumenLocked', 'whole family locked out in {c}, furious #LumenLocked'] },
  { name: 'seat deposit phrase (slow)', kind: 'phrase', target: 'nimbus-air', day: 4, hour: 18, voices: 25, rampMin: 180, texts: ['{h} a seat deposit just to sit next to my kid? shame on you', 'so now there is a seat deposit on top of the fare, ridiculous', 'paid the seat deposit and still got split from my partner', 'seat deposit is a scam, plain and simple', 'refund my seat deposit, the seat did not exist', 'who approved this awful seat deposit'] },
  { name: 'checkout outage topic (fast)', kind: 'topic', target: 'quickcart', day: 5, hour: 12.5, voices: 60, rampMin: 25, texts: ['{h} app is down, payment fails at checkout', 'checkout crashed three times, order gone', 'login broken and the app keeps crashing', 'payment page is down in {c} too', 'cannot pay, the app crashed mid order', 'outage again? app down for everyone?'] },
  { name: 'charged twice topic (night, small)', kind: 'topic', target: 'lumen-bank', day: 6, hour: 2.7, voices: 12, rampMin: 45, texts: ['{h} charged twice for every payment tonight', 'every card payment charged twice, my bill is a mess', 'double charge on my card, overcharged by 300', 'woke up to being charged twice for rent', 'overcharged again, charged twice at the shop'] },
  { name: 'lost luggage topic', kind: 'topic', target: 'nimbus-air', day: 2, hour: 15.2, voices: 30, rampMin: 60, texts: ['{h} lost my luggage on the {c} flight, nobody answers', 'my bag never arrived in {c}, baggage desk closed', 'third day without my suitcase, lost luggage line rings out', 'whole flight from {c} arrived without bags', 'lost baggage again, nobody knows where it is'] },
  { name: 'overdraft charge phrase', kind: 'phrase', target: 'lumen-bank', day: 5, hour: 7.8, voices: 18, rampMin: 120, texts: ['{h} an overdraft penalty for being 2 euros short? disgusting', 'overdraft penalty charged while my salary was pending, unacceptable', 'the new overdraft penalty is a scam', 'overdraft penalty of 35 on a 5 euro overdraft, ridiculous', 'who else got hit with the overdraft penalty today'] },
];

export const DECOYS: DecoySpec[] = [
  { name: 'happy viral spike', kind: 'decoy-happy', target: 'nimbus-air', day: 3, hour: 16, durationMin: 60, posts: 120, texts: ['{h} free upgrades for the whole flight to {c}, amazing crew #NimbusSurprise', 'best birthday surprise ever, thank you Nimbus #NimbusSurprise', 'the crew sang for a passenger and gave out cake, love this #NimbusSurprise', 'what a lovely gesture on the {c} flight #NimbusSurprise', 'never had a flight this fun, great job #NimbusSurprise'] },
  { name: 'one author, 45 posts', kind: 'decoy-one-author', target: 'quickcart', day: 4, hour: 20, durationMin: 120, posts: 45, texts: ['{h} my order is missing AGAIN, worst service ever', 'still no refund, terrible, answer me', 'this is ridiculous, where is my order', 'useless support, I want my money back', 'missing order, third time, awful'] },
  { name: 'neutral news burst', kind: 'decoy-news', target: 'lumen-bank', day: 5, hour: 14, durationMin: 90, posts: 70, texts: ['Lumen Bank to merge with Harbor Trust, deal announced this morning https://news.example.com/business/lumen-harbor-merger', 'Report: Lumen Bank and Harbor Trust agree merger terms https://news.example.com/business/lumen-harbor-merger', 'Lumen Bank merger with Harbor Trust expected to close next year https://news.example.com/business/lumen-harbor-merger', 'Breaking: Lumen Bank announces merger with Harbor Trust https://news.example.com/business/lumen-harbor-merger'] },
];

/**
 * The airline week starts on a Tuesday (Feb 17); American has traffic only from day 5 evening.
 * Hours are UTC: 8–11 h UTC is the middle of the night in the US.
 */
export const AIRLINE_REVOLTS: RevoltSpec[] = [
  { name: 'tarmac hashtag (evening)', kind: 'hashtag', target: 'united', day: 1, hour: 22.25, voices: 16, rampMin: 60, texts: ['{h} four hours on the tarmac in {c} and not even water #TarmacTrap', 'kids crying, no air, no answers, stuck on the plane #TarmacTrap', 'pilot says no gate free for another hour, this is inhumane #TarmacTrap', 'still sitting on the runway at {c}, nobody tells us anything #TarmacTrap', 'they will not let us off the plane, awful #TarmacTrap', 'five hours on board going nowhere, disgraceful #TarmacTrap'] },
  { name: 'boarding fee phrase (night)', kind: 'phrase', target: 'southwest', day: 2, hour: 8.3, voices: 20, rampMin: 90, texts: ['{h} a family boarding fee now? to sit with my own toddler?', 'since when is there a family boarding fee, shameful', 'paid the family boarding fee and they still split us up in {c}', 'family boarding fee is a cash grab, plain and simple', 'not paying a family boarding fee to stay with my kids', 'who thought a family boarding fee was a good idea'] },
  { name: 'kiosk hashtag', kind: 'hashtag', target: 'delta', day: 3, hour: 15, voices: 40, rampMin: 120, texts: ['{h} every kiosk in {c} is dead and the line is out the door #KioskChaos', 'missed my flight because none of the kiosks work #KioskChaos', 'two agents for three hundred people at {c}, ridiculous #KioskChaos', 'kiosks frozen, app frozen, staff shrugging #KioskChaos', 'an hour in line to print a bag tag, useless #KioskChaos', 'whole terminal stuck at {c} #KioskChaos'] },
  { name: 'seat deposit phrase (slow)', kind: 'phrase', target: 'us-airways', day: 4, hour: 23, voices: 25, rampMin: 180, texts: ['{h} a seat deposit just to sit next to my kid? shame on you', 'so now there is a seat deposit on top of the fare, ridiculous', 'paid the seat deposit and still got split from my partner', 'seat deposit is a scam, plain and simple', 'refund my seat deposit, the seat did not exist', 'who approved this awful seat deposit'] },
  { name: 'website outage topic (fast)', kind: 'topic', target: 'united', day: 5, hour: 17.5, voices: 60, rampMin: 25, texts: ['{h} website is down, cannot check in', 'the app crashed three times, booking gone', 'login broken and the app keeps crashing', 'your site is down in {c} too', 'cannot check in, the app crashed mid booking', 'outage again? website down for everyone?'] },
  { name: 'charged twice topic (night, small)', kind: 'topic', target: 'virgin-america', day: 6, hour: 9.7, voices: 12, rampMin: 45, texts: ['{h} charged twice for the same ticket tonight', 'every booking charged twice, my card is maxed', 'double charge for my flight to {c}, overcharged by 300', 'woke up to being charged twice for one fare', 'overcharged again, charged twice for the upgrade'] },
  { name: 'lost bags topic (in the storm)', kind: 'topic', target: 'american', day: 6, hour: 15.2, voices: 30, rampMin: 60, texts: ['{h} lost my luggage on the {c} connection, nobody answers', 'my bag never arrived in {c}, baggage office closed', 'third day without my suitcase, the lost luggage line rings out', 'whole flight from {c} arrived without bags', 'lost baggage again, nobody knows where it is'] },
  { name: 'wifi pass phrase', kind: 'phrase', target: 'southwest', day: 5, hour: 13.8, voices: 18, rampMin: 120, texts: ['{h} paid for the wifi pass and it never connected, want my money back', 'wifi pass charged twice and not a single page loaded', 'the new wifi pass is a scam', 'wifi pass for 8 dollars that works for 5 minutes, ridiculous', 'who else got charged for a dead wifi pass today'] },
];

export const AIRLINE_DECOYS: DecoySpec[] = [
  { name: 'happy viral spike', kind: 'decoy-happy', target: 'southwest', day: 3, hour: 19, durationMin: 60, posts: 120, texts: ['{h} the crew threw a surprise party for a 100 year old passenger to {c} #BestCrewEver', 'best birthday surprise ever, thank you {n} #BestCrewEver', 'the flight attendants sang the whole way to {c}, love this #BestCrewEver', 'what a lovely gesture on the {c} flight #BestCrewEver', 'never had a flight this fun, great job #BestCrewEver'] },
  { name: 'one author, 45 posts', kind: 'decoy-one-author', target: 'united', day: 4, hour: 2, durationMin: 120, posts: 45, texts: ['{h} my refund is missing AGAIN, worst service ever', 'still no refund, terrible, answer me', 'this is ridiculous, where is my refund', 'useless support, I want my money back', 'missing refund, third time, awful'] },
  { name: 'neutral news burst', kind: 'decoy-news', target: 'delta', day: 5, hour: 14, durationMin: 90, posts: 70, texts: ['{n} adds nine nonstop routes for the summer season https://news.example.com/travel/new-routes-summer', 'Report: {n} to open new routes from three hubs this summer https://news.example.com/travel/new-routes-summer', '{n} announces summer schedule with new nonstop flights https://news.example.com/travel/new-routes-summer', 'Breaking: {n} expands summer network https://news.example.com/travel/new-routes-summer'] },
];
