/**
 * Hand-written phrase parts for the scenario week, per made-up brand. Background posts are
 * composed from them at random, so no two days read alike; none of this comes from a dataset.
 */
export interface Brand {
  id: string;
  name: string;
  handle: string;
  things: string[]; // nouns customers talk about
  praise: string[];
  neutral: string[];
  gripes: string[]; // everyday complaints, spread over many subjects
}

export const BRANDS: Brand[] = [
  {
    id: 'nimbus-air',
    name: 'Nimbus Air',
    handle: '@NimbusAir',
    things: ['flight', 'crew', 'seat', 'lounge', 'boarding', 'snack', 'gate', 'app', 'check-in', 'upgrade', 'pilot', 'legroom'],
    praise: ['smooth {t} today, thank you', 'the {t} was lovely, great job', 'best {t} I have had in years', 'really friendly {t}, happy customer', 'nice surprise with the {t}', 'loved the {t} on my trip to {c}'],
    neutral: ['flying to {c} next week, any tips about the {t}?', 'does the {t} open early on Sundays?', 'booked a trip to {c}, first time with you', 'what time does the {t} close in {c}?', 'is wifi included on the {c} route?', 'heading to {c} tomorrow morning'],
    gripes: ['flight to {c} delayed again, not great', 'the {t} was dirty and cramped', 'waited an hour at the {t}, annoying', 'my {t} got changed without notice', 'coffee on board was bad', 'rude answer at the {t} desk', 'the {t} was broken the whole way to {c}', 'still waiting for a refund for the {c} flight'],
  },
  {
    id: 'quickcart',
    name: 'QuickCart',
    handle: '@QuickCart',
    things: ['order', 'courier', 'basket', 'coupon', 'app', 'checkout', 'parcel', 'return', 'delivery slot', 'fridge pack'],
    praise: ['fast {t}, impressed', 'the {t} arrived early, thanks', 'great prices on the {t} this week', 'love the new {t}', 'super helpful {t} support', 'the {t} was perfect'],
    neutral: ['can I change my {t} after paying?', 'does the {t} work in {c}?', 'trying the {t} for the first time', 'what is the cut-off for the {t} in {c}?', 'ordered groceries for the weekend', 'any discount codes for {c}?'],
    gripes: ['my {t} is late again', 'the {t} came damaged, disappointing', 'missing items in my {t}', 'the {t} keeps logging me out', 'waited all evening for the {t}', 'refund for the {t} still not processed', 'wrong {t} delivered in {c}'],
  },
  {
    id: 'lumen-bank',
    name: 'Lumen Bank',
    handle: '@LumenBank',
    things: ['card', 'app', 'transfer', 'branch', 'statement', 'savings account', 'loan', 'chat support', 'mortgage', 'cashback'],
    praise: ['the {t} is so easy to use', 'quick help with my {t}, thank you', 'nice rates on the {t}', 'the {t} team in {c} was great', 'love the new {t} feature', 'smooth {t} experience'],
    neutral: ['how do I order a new {t}?', 'is the {t} open on Saturday in {c}?', 'moving my {t} over from another bank', 'what are the limits on the {t}?', 'opened a {t} today', 'does the {t} work abroad in {c}?'],
    gripes: ['my {t} was declined at the shop', 'the {t} is slow today', 'waited on hold for the {t} forever', 'charged twice for the {t}', 'the {t} in {c} closed early again', 'still no reply about my {t}', 'the {t} keeps crashing'],
  },
];

export const CITIES = ['Lisbon', 'Oslo', 'Madrid', 'Krakow', 'Dublin', 'Rome', 'Berlin', 'Porto', 'Vienna', 'Athens', 'Leeds', 'Lyon'];
export const OPENERS = ['', '', 'Honestly, ', 'Ugh, ', 'So ', 'Wow. ', 'Again?! ', 'Just saying: ', 'Day three: ', 'Seriously, '];
export const CLOSERS = ['', '', '', ' Not impressed.', ' Sort it out.', ' Unbelievable.', ' Anyone else?', ' Fix this please.', ' 😡', ' Why is this so hard?'];
export const HAPPY_CLOSERS = ['', '', ' 😊', ' Thanks!', ' Well done.', ' Made my day.', ' Brilliant.'];
