/**
 * Complaints about lost luggage as real customers write them: one subject, each in its own words
 * (near-identical texts from many accounts are a coordinated campaign, not a crowd of voices).
 */
export const LOST_LUGGAGE = [
  'my suitcase never made it to Denver and nobody at the desk can tell me where it is',
  'bag lost on the connection again, third time this year',
  'landed 5 hours ago, still no luggage, the baggage office is closed',
  'where is my bag? tracking says delivered, it is not here',
  'lost luggage claim filed, no reply in two days, terrible',
  "my kid's stroller went missing at the gate, nobody helps",
  "the whole flight's bags were left in Chicago, unbelievable",
  '40 minutes at the carousel and my suitcase never appeared',
  'your baggage hotline hangs up on me every time, where is my luggage',
  'lost my golf bag, ruined the trip, awful service',
  'they lost my luggage with my medication inside, this is dangerous',
  'my bag has been missing for a week and the app just says pending',
  'checked bag lost between Lisbon and Boston, no one answers the phone',
  'luggage lost again, I am so angry with this airline',
  'the lost baggage desk told me to come back tomorrow, I live 2 hours away',
  'suitcase arrived smashed and half empty, disgusting',
  'no bags for anyone on flight 212, staff have no idea',
  'my wedding dress was in that suitcase and you lost it',
  'missing bag, no updates, no compensation, no respect',
  'baggage claim chaos at JFK, hundreds of us waiting for lost luggage',
  'day three without my luggage, buying clothes with my own money',
  'you lost my bag and your chat bot keeps closing the conversation',
  'luggage tag scanned in Paris, bag still not delivered',
  'terrible, my suitcase is lost and the claim form crashes',
  'my luggage went to Rome, I went to Madrid, and customer care shrugs',
  'two bags lost out of two, impressive failure',
  'still waiting on my lost suitcase, the courier never came',
  'the baggage tracker has shown the same scan for four days',
  'lost my bag with my laptop in it, nobody will even call me back',
  'whoever handles lost luggage at this airline should be ashamed',
];

/** Everyday chatter: short texts (too short to be called copies of one another). */
export const CHATTER = ['Flying Acme tomorrow, tips?', 'Great Acme crew, thanks!', 'Acme lounge is nice', 'Acme coffee was bad'];

/** Complaints about reaching customer service by phone, each in its own words (few shared pairs). */
export const ON_HOLD = [
  'three hours on hold and then the call dropped',
  'your hotline music is burned into my brain by now',
  'called six times today, nobody ever picks up',
  'the callback you promised me never happened',
  'waited ninety minutes to speak to an agent who hung up',
  'phone line says high call volume every single day',
  'impossible to reach a human, the menu loops forever',
  'rang the service number at 7am, still queued at noon',
  'agent transferred me four times then disconnected',
  'your call centre is a black hole',
  'I have spent my whole lunch break listening to hold music',
  'no answer on the helpline, no reply to email either',
  'the automated voice keeps telling me my call matters, it clearly does not',
  'after two hours holding the line went silent',
  'tried calling from abroad, charged a fortune for waiting',
  'support number rings out, then a busy tone',
  'spoke to someone at last and she had no idea what to do',
  'on hold again, day three of trying to change a booking',
];
