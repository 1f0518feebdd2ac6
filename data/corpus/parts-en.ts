/**
 * Hand-written parts of the English corpus: every sentence here was written for Backlash.
 * generate.ts combines them into labelled posts (customer-service tweets, general tweets).
 */
export const BRANDS = ['@SkyLineAir', '@QuickShip', '@NorthBank', '@TelcoOne', '@FreshBox', '@CityPower', '@ShopCo', '@RailLink', '@HotelAurora', '@PayFast', '@StreamMax', '@GreenGrocer'];

/** complaint sentences per topic: negative, a complaint */
export const COMPLAINTS: Record<string, string[]> = {
  billing: [
    "you charged me twice for the same order", "I've been billed for a subscription I cancelled last month", "why is there a £{n} fee on my statement",
    "my bill went up again without any warning", "you took a payment I never authorised", "still being charged after closing my account",
    "double charged on my card and nobody can explain it", "the invoice is wrong for the third month running", "hidden fees everywhere, this is not what I signed up for",
    "direct debit taken twice this month, sort it out", "you overcharged me by {n} dollars", "charged a late fee even though I paid on time",
  ],
  refunds: [
    "still waiting for my refund after {n} weeks", "where is my refund, it's been a month", "you promised a refund and I got nothing",
    "returned the item {n} weeks ago and still no money back", "refund was approved but never arrived", "I want my money back, this is ridiculous",
    "no refund, no reply, no explanation", "they refused to refund a faulty product", "three emails about my refund and not a single answer",
  ],
  delivery: [
    "my parcel says delivered but it never arrived", "order still hasn't arrived after {n} days", "the courier left my package in the rain",
    "driver didn't even knock, just left a card", "tracking hasn't updated in a week", "delivered to the wrong address again",
    "missed my delivery slot and nobody called", "package arrived opened and half empty", "where is my order? it was due on monday",
    "third failed delivery this week", "the courier threw the box over the fence", "paid for next day delivery and it took {n} days",
  ],
  outage: [
    "internet has been down since this morning", "no signal in the whole area for {n} hours", "your app is down again",
    "power cut for the second time today", "the website keeps crashing at checkout", "can't connect to anything, is the network down",
    "wifi drops every ten minutes", "the service has been offline all day and no updates", "outage again, how is this still happening",
    "can't log in, the site shows an error", "streaming keeps buffering and then stops", "no internet for {n} days now",
  ],
  "staff-behaviour": [
    "the staff member at the desk was incredibly rude", "your agent hung up on me", "the manager laughed at my complaint",
    "the driver shouted at my elderly mother", "one of your employees was so condescending", "the cashier rolled her eyes and ignored me",
    "the flight attendant was rude to every passenger", "treated like a criminal by your security staff", "the receptionist couldn't care less",
    "your staff were dismissive and unhelpful", "the guy on the phone was arrogant and useless",
  ],
  "product-defect": [
    "the kettle stopped working after {n} days", "the screen arrived cracked", "brand new phone and the battery is already dead",
    "the jacket fell apart after one wash", "the fridge is leaking all over the floor", "received the wrong size and a damaged box",
    "the charger is faulty and got really hot", "the chair broke the first time I sat on it", "food was stale and past its date",
    "the headphones only work on one side", "the zip broke on day one",
  ],
  "waiting-time": [
    "been on hold for {n} minutes", "waited {n} hours at the airport with no information", "the queue at the branch was out the door",
    "{n} hours on the phone and still no answer", "flight delayed again, {n} hours now", "waiting forever for a reply",
    "still waiting for someone to call me back", "train is late every single day", "stuck on hold listening to the same music for an hour",
    "my appointment was at 9 and I was seen at 11", "the line at check in is enormous and only one desk open",
  ],
  "broken-promise": [
    "you promised a call back on monday, nobody called", "was told it would be fixed in 24 hours, that was a week ago", "you said the engineer would come today, no one showed up",
    "promised compensation and then denied it", "the advert said free installation and then you charged me", "guaranteed next day delivery, still nothing",
    "told me my complaint was escalated, it never was", "another promise broken, same as last time",
  ],
  cancellation: [
    "you cancelled my flight with two hours notice", "my order was cancelled without any explanation", "cancelled my booking and kept the money",
    "flight cancelled, no hotel, no help", "why was my appointment cancelled again", "the train was cancelled and no replacement bus",
  ],
  booking: [
    "the booking site charged me but there is no reservation", "my seat assignment disappeared", "can't change my booking online, the page errors",
    "booked a room and they gave it away", "my ticket shows the wrong date and nobody can fix it", "online check in has been broken all day",
  ],
  "lost-items": [
    "you lost my luggage and nobody knows where it is", "my bag is missing for {n} days", "lost baggage again, my suitcase is somewhere in the world",
    "my parcel was lost and you won't investigate", "my suitcase came back broken and soaked",
  ],
  "account-access": [
    "locked out of my account for {n} days", "my card was blocked for no reason", "someone hacked my account and you did nothing",
    "password reset link never arrives", "there's a payment I don't recognise on my account", "my card got declined and my account is frozen",
  ],
  "phone-support": [
    "nobody answers the phone", "the helpline just hangs up after an hour", "I've called {n} times and been transferred every time",
    "customer service is a joke", "emailed you {n} times and no reply", "the chat bot is useless and there's no human",
    "your call centre keeps cutting me off", "nobody from customer service has replied",
  ],
  "website-app": [
    "the new app update broke everything", "can't pay on the website, the button does nothing", "the app logs me out every five minutes",
    "your website is a mess, can't find anything", "the checkout page keeps crashing", "app won't load since the update",
  ],
  "atm-kiosk": ["the atm swallowed my card", "the cash machine took my money and gave nothing", "the self checkout is broken again", "ticket machine ate my card"],
  "sms-notifications": ["stop sending me spam texts", "I keep getting text messages at 3am", "the verification text never arrives", "why do I get notifications for orders I never made"],
  "food-quality": [
    "the food arrived cold and soggy", "found a hair in my meal", "the chicken was raw in the middle", "portions are tiny for the price",
    "my order was missing half the items", "the coffee tasted like dishwater", "got food poisoning after eating there",
  ],
  cleanliness: ["the room was filthy", "there were cockroaches in the kitchen", "the toilets were disgusting", "the bathroom smelled of mould", "dirty sheets and stains on the carpet"],
  pricing: ["prices went up again and the service got worse", "this is a total rip off", "paying double what it cost last year for less", "way overpriced for what you get"],
};

export const COMPLAINT_OPENERS = ['', '', '', 'seriously ', 'hey ', 'so ', 'again ', 'unbelievable, ', 'honestly ', 'wow ', 'great, ', 'thanks a lot, '];
export const COMPLAINT_CLOSERS = [
  '', '', '', '.', '!', '!!', ' 😡', ' 😤', ' 🙄', '. unacceptable', '. fix it', '. sort it out', '. not good enough', '. absolutely ridiculous', '. so frustrating',
  '. what a joke', '. never again', '. worst service ever', '. really disappointed', '. this is the third time', '. any update?', ' - what are you going to do about it?',
  '. I want an explanation', '. do better', '. #fail', '. pathetic', '. I am done', '. nobody seems to care', '. still waiting', '. shocking',
];
export const ESCALATIONS = [
  "I'm switching to another provider", 'my lawyer will hear about this', "I'm reporting this to the ombudsman", 'everyone retweet this',
  "I'm going to the press with this", 'boycott them', 'this is a safety hazard', "I'm closing my account", 'see you in small claims court',
  'please share so others know',
];

/** positive posts: praise, thanks */
export const PRAISE: Record<string, string[]> = {
  delivery: ['parcel arrived a day early, great job', 'the courier was so friendly and careful', 'delivery was quick and everything was perfect', 'ordered last night and it is already here, amazing'],
  "staff-behaviour": ['the staff at the branch were so helpful today', 'huge thanks to the lovely agent who sorted my problem', 'the crew were fantastic on my flight', 'the lady at the desk went above and beyond', 'best customer service I have had in years'],
  refunds: ['refund came through in two days, thank you', 'got my money back without any hassle', 'quick refund and a kind apology, impressed'],
  outage: ['internet back up and faster than before, thanks', 'thanks for fixing the outage so quickly', 'power back on in an hour, great work by the engineers'],
  "website-app": ['love the new app update', 'the new website is so easy to use', 'app works perfectly now, well done'],
  "food-quality": ['the food was delicious and still hot', 'best pizza in town', 'lovely meal, great portions', 'fresh and tasty as always'],
  "phone-support": ['got through to a person in two minutes, brilliant', 'the support team solved it on the first call', 'really helpful chat agent, thanks'],
  "waiting-time": ['no queue at all today, in and out in five minutes', 'flight left on time and landed early', 'seen right on time, very efficient'],
  billing: ['the new bill is much clearer, thanks', 'switched to the cheaper plan with no fuss'],
  cleanliness: ['the room was spotless', 'super clean and comfortable hotel'],
  booking: ['booking was quick and easy', 'thanks for the free upgrade'],
};
export const PRAISE_OPENERS = ['', '', 'just want to say ', 'wow, ', 'shout out to ', 'honestly ', 'big thanks, ', 'so happy, '];
export const PRAISE_CLOSERS = ['', '', '!', '!!', ' 😊', ' ❤️', ' 👍', ' 🙌', '. thank you', '. love it', '. you rock', '. highly recommend', '. keep it up', '. made my day', '. great stuff', ' :)'];

/** neutral: questions, requests, information */
export const QUESTIONS = [
  'what time does the {place} open on sunday', 'can I change my booking online', 'do you deliver to {city}', 'is there a student discount',
  'how do I update my address', 'can I return an item bought online in store', 'does the new plan include roaming', 'when will the new model be available',
  'is the {place} on {street} open today', 'how do I add a second card to my account', 'can I bring a pet on the train', 'what is the baggage allowance for my flight',
  'do you have this in a larger size', 'is there parking at the {place}', 'how long does standard delivery take', 'can I pay by bank transfer',
  'where can I find my invoice', 'is breakfast included', 'do you price match', 'can I pick up my order tomorrow instead',
  'how do I cancel my newsletter subscription', 'can you send me the link to the form', 'is the offer still on', 'what documents do I need to open an account',
];
export const INFO = [
  'new {place} opening on {street} next week', 'picked up my order today', 'flying to {city} tomorrow morning', 'just renewed my contract',
  'switching to the new tariff from next month', 'the store is moving to a new address in march', 'heading to the {place} after work', 'the app has a new update out today',
  'my parcel is out for delivery', 'checking in online now', 'waiting for the train to {city}', 'paid my bill this morning',
  'the meeting is at {place} at 3pm', 'reading the terms and conditions', 'their new advert is on tv tonight', 'the sale starts on friday',
  'booked a table for saturday', 'moving house next month, need to change the address', 'the {place} closes at 8 on weekdays', 'ordered a new phone case',
];
/**
 * Notices and news about a company or its service, as feeds publish them (press releases, service
 * notices, numbered lists, changelogs). Without them the neutral class never mentions the service,
 * counts or number words, which occur only in complaints elsewhere in the corpus ("waited ten
 * hours"), and the model reads any post about the service as negative (issue 16).
 */
export const NOTICES = [
  'the service will run on a reduced timetable over the holidays', 'customer service is open from 8 to 8 on weekdays', 'the service is now available in {city}',
  'changes to the service from {n} june', 'the service starts at {n}am on sundays', 'the new service launches in {city} next month',
  'part {n} of our series on the service', '{count} new stores open this year', '{count} questions about the new plan, answered',
  'item {n} on the agenda is the service contract', 'the list of {count} items is on our website', 'number {n} on the list of new routes',
  'what is new in the service this month', 'a guide to the service for new customers', 'how the service works in {count} steps',
  'the board met to discuss the service on {day}', 'the company has {count} thousand customers in {city}', 'our annual report covers {count} years of the service',
  'the service desk is on the first floor', 'the service page has been updated', 'version {n}.2 of the app is out with {count} changes',
  'the service will move to a new address on {day}', 'planned maintenance on {day} night from 1am to 3am', 'the shop at {street} becomes a service point',
  '{count} things to know about the service', 'about the service: prices, times and contacts', 'the item is listed as number {n} in the catalogue',
  'the service covers {count} cities', 'the company hired {count} hundred staff for the service', 'meeting about the service on {day} at {n}pm',
  'the interview about the service airs on {day}', 'a new post about the service in {city} is up', 'the service numbers for {city} changed this week',
  'stock update: item {n} is back on the shelves', 'the company announced {count} new services today', 'the service runs every {n} minutes',
];
export const NOTICE_COUNTS = ['ten', 'five', 'three', 'twenty', 'two', 'four', 'twelve', 'a hundred', 'several', 'six'];
export const NOTICE_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
export const NEUTRAL_CLOSERS = ['', '', '?', '.', ' thanks', ' please', '. cheers', ' - any info?', ' @ the {place}', ''];

/** general tweets (no brand): the other half of social media */
export const GENERAL: Record<'negative' | 'neutral' | 'positive', string[]> = {
  positive: [
    'what a beautiful morning', 'so excited for the weekend', 'best concert I have ever been to', 'happy birthday to my amazing sister', 'can not wait for the holidays',
    'such a fun night with friends', 'loving this sunny weather', 'proud of the team tonight, great win', 'this song is perfect', 'finally finished my thesis, so happy',
    'had the best time at the beach', 'good luck to everyone running tomorrow', 'the new episode was brilliant', 'thank you all for the birthday wishes', 'love this city',
    'great game last night', 'my dog is the cutest', 'enjoying a quiet sunday with a good book', 'congrats to the winners', 'feeling blessed today',
    'going to see the band on friday, can not wait!', 'the new season starts tomorrow!!', 'tickets booked for the festival, so ready', 'first day of holidays, let the fun begin!',
    'watching the final with my best friends tonight', 'what a goal, what a player', 'my favourite show is back on sunday', 'finally friday!', 'that was the funniest episode yet',
    'so glad I went to the show last night', 'new album tomorrow, best day of the year', 'happy to be home after a long trip', 'the fireworks tonight were stunning',
    'cannot stop listening to this song', 'big win for the home team!', 'weekend in the mountains with the family, perfect', 'this made me smile so much',
    'our team is going to the finals!', 'had a lovely dinner with my parents', 'going to the beach tomorrow :)', 'the cast of the film is incredible', 'new episode tonight, so excited',
    'good morning everyone, have a nice day', 'love seeing everyone at the concert', 'the kids loved the zoo today', 'best birthday ever, thank you all',
  ],
  negative: [
    'worst day ever', 'so tired of this rain', 'my team lost again, gutted', 'hate mondays', 'feeling sick and miserable',
    'the traffic this morning was a nightmare', 'cannot believe they cancelled the show', 'so sad to hear the news', 'this heat is unbearable', 'my phone screen cracked again',
    'that ending was awful', 'missed the bus by ten seconds, great start', 'politicians are useless', 'ugh, stuck in traffic for an hour', 'the referee ruined the game',
    'lost my keys again', 'this headache will not go away', 'what a terrible film', 'exam tomorrow and I know nothing', 'sad that summer is over',
    'people are so rude these days', 'the government keeps lying to us', 'worst episode of the season', 'that referee should be ashamed', 'why do people think this is okay',
    'this war has to stop', 'tired of all the hate online', 'they ruined the show with that ending', 'what a disgrace of a performance', 'cannot stand that singer',
    'such a stupid decision by the coach', 'so angry about the news today', 'another injury, this season is cursed', 'the debate was embarrassing', 'can not believe how bad that was',
    'the new design is ugly', 'my flight home got moved and now I miss the party', 'that interview was painful to watch', 'nothing good ever happens on mondays', 'nobody listens to the fans',
  ],
  neutral: [
    'the match starts at 8 tonight', 'new album out on friday', 'watching the debate tonight', 'the election results come out tomorrow', 'going to the gym later',
    'meeting at the station at noon', 'the festival line up was announced today', 'reading about the new iphone', 'it will be cloudy tomorrow', 'the museum is free on sundays',
    'trying the new recipe tonight', 'the president speaks at 9', 'season two starts in may', 'new update for the game on thursday', 'heading to london on monday',
    'the library closes early on fridays', 'game day tomorrow', 'interview with the director on the radio now', 'the conference is in september', 'first day of the course today',
    'the prime minister will visit the city on tuesday', 'new trailer released for the sequel', 'the team announced the squad for saturday', 'the book comes out in october',
    'results of the vote will be known on friday', 'the company reported its quarterly results today', 'the tour dates were announced this morning', 'schools reopen on the 5th',
    'the singer will perform at the arena in november', 'the minister said the plan would be reviewed', 'he was born in 1980 in a small town', 'the match was moved to sunday',
    'they played the song live for the first time', 'the new phone will be released in september', 'the show airs on thursdays at 9', 'she signed a two year contract',
    'the talks continue in geneva next week', 'the police closed the road for the parade', 'the film was shot in ireland', 'the 3rd round starts at 2pm',
  ],
};

/** contrast posts: the part after "but" decides */
export const CONTRAST: { text: string; sentiment: 'negative' | 'positive'; complaint: boolean; topic?: string }[] = [
  { text: 'the staff were lovely but we waited {n} hours for a table', sentiment: 'negative', complaint: true, topic: 'waiting-time' },
  { text: 'nice hotel but the room was dirty', sentiment: 'negative', complaint: true, topic: 'cleanliness' },
  { text: 'the app looks great but it crashes every time I pay', sentiment: 'negative', complaint: true, topic: 'website-app' },
  { text: 'good price but the delivery took {n} weeks', sentiment: 'negative', complaint: true, topic: 'delivery' },
  { text: 'flight was delayed but the crew were amazing and kept us updated', sentiment: 'positive', complaint: false },
  { text: 'a bit pricey but the food was excellent', sentiment: 'positive', complaint: false },
  { text: 'had a problem with my order but customer service fixed it in minutes, thank you', sentiment: 'positive', complaint: false },
  { text: 'the parcel was late but it arrived in perfect condition', sentiment: 'positive', complaint: false },
  { text: 'I usually love this place but today the service was terrible', sentiment: 'negative', complaint: true, topic: 'staff-behaviour' },
  { text: 'although the room was small, the staff were wonderful', sentiment: 'positive', complaint: false },
];

/** negated phrasings */
export const NEGATED: { text: string; sentiment: 'negative' | 'positive' | 'neutral'; complaint: boolean }[] = [
  { text: 'not happy with the service at all', sentiment: 'negative', complaint: true },
  { text: 'the food was not good', sentiment: 'negative', complaint: true },
  { text: 'not impressed with the new update', sentiment: 'negative', complaint: true },
  { text: 'never had a problem with them, always great', sentiment: 'positive', complaint: false },
  { text: 'not bad at all, pretty quick delivery', sentiment: 'positive', complaint: false },
  { text: "the support team didn't help at all", sentiment: 'negative', complaint: true },
  { text: "can't complain, everything arrived on time", sentiment: 'positive', complaint: false },
  { text: "doesn't work and nobody cares", sentiment: 'negative', complaint: true },
  { text: 'no complaints, the staff were great', sentiment: 'positive', complaint: false },
  { text: "I don't recommend this company", sentiment: 'negative', complaint: true },
];

export const FILL = {
  place: ['branch', 'store', 'airport', 'station', 'office', 'hotel', 'cafe', 'shop'],
  city: ['Leeds', 'Boston', 'Denver', 'Glasgow', 'Dublin', 'Austin', 'Bristol', 'Chicago', 'Seattle', 'Cardiff'],
  street: ['High Street', 'Main St', 'Oak Road', 'King Street', '5th Avenue', 'Mill Lane'],
  n: ['2', '3', '4', '5', '6', '10', '12', '45', '90', 'two', 'three'],
};

/**
 * More general tweets (no brand, no service): news, plans, opinions on films, sport, music,
 * politics, weather and everyday life. Without them the model learns that any tweet is a
 * complaint waiting to happen, and leans negative on ordinary chatter.
 */
export const GENERAL_MORE: Record<'negative' | 'neutral' | 'positive', string[]> = {
  neutral: [
    'the new trailer drops on thursday', 'release date confirmed for april', 'the band announced a european tour for next year', 'tomorrow is the last day to register to vote',
    'the game launches on friday for pc and console', 'the mayor will hold a press conference at noon', 'the final will be played on sunday evening', 'the store opens at 10 on saturdays',
    'he will be on the late show tonight', 'the second film in the series comes out in may', 'the draw for the next round is on monday', 'the report will be published next week',
    'the summit starts on the 14th', 'the team travels to madrid tomorrow', 'the season finale airs on the 3rd', 'the vote on the bill is expected on wednesday',
    'the exhibition runs until march', 'the singer talked about her new album on the radio', 'the stadium holds 60,000 people', 'the senator spoke about the budget this morning',
    'the sequel is being filmed in canada', 'the court will decide on tuesday', 'the festival takes place in august', 'the update adds two new maps',
    'the debate is on channel 4 at 8pm', 'the coach named his starting eleven', 'the concert was moved to the 21st', 'the new model comes in three colours',
    'the series is based on the novel', 'the talks will continue next month', 'the launch was streamed live', 'the author signs books at the library on friday',
    'may 5th is the deadline', 'the polls close at 10pm', 'she plays the lead role in the new film', 'he joined the club in 2014',
    'tonight: the first episode of the new season', 'the parade starts at 11 on saturday', 'the candidate visits ohio on monday', 'the phone has a bigger screen and a new camera',
    'the game will be shown on tv in the evening', 'the tour starts in dublin and ends in berlin', 'the rally is planned for sunday afternoon', 'the premiere is on the 28th in los angeles',
    'new episode of the podcast is up', 'the list of nominees was published today', 'he said he would decide after the summer', 'the sale starts on black friday',
    'the kick off is at 3pm', 'the match is sold out', 'i might go to the game tomorrow', 'thinking about watching the new movie this weekend',
    'anyone going to the concert on friday?', 'does anyone know what time the race starts tomorrow?', 'who is watching the debate tonight?', 'what time does the parade start?',
    'just saw the news about the election', 'the story is on the front page today', 'the band plays at the o2 on saturday night', 'he will announce his decision on the 2nd',
    'still waiting for the train to london', 'why is everyone talking about the new phone?', 'watching the game again tonight', 'rain expected tomorrow afternoon',
    'no school on monday because of the holiday', 'long weekend coming up', 'the wait for the new season is almost over', 'later today: the draw for the cup',
    'not sure if i will go to the match on sunday', 'no word yet on the release date', 'still deciding which film to watch', 'why do they always play that song at the end?',
    'cold morning in the city today', 'busy day at work, then the gym', 'the show is on again next week', 'no plans for the weekend yet',
    'i wonder who will win tonight', 'he did not say when the album comes out', 'nobody knows yet who the new coach will be', 'stop by the stand at the fair on saturday',
    'the team has already played {n} games this season', 'after {n} years the band is back together', 'he has been the coach since 2015', 'she will not run for office again, she said on friday',
    'the film was shot over {n} months', '{n} days until the start of the season', 'the minister has been in the job for {n} weeks', 'play resumed after {n} minutes',
    'fans have been queuing for hours outside the arena', 'he never played for the national team', 'the club tried to sign him last summer', 'the road will not reopen until monday',
    'the company has not commented yet', 'the order of the songs changed for the tour', 'they have won {n} games in a row', 'it has been {n} years since the first album',
    'the senator did not answer questions after the speech', 'the results are expected within {n} hours', 'he sent a message to his fans on sunday', 'the email was sent to all members',
    'tickets go on sale after the announcement', 'the museum has been closed since march', 'no decision has been made yet', 'the bridge is closed for repairs until friday',
    'he can not play on saturday because of a suspension', 'the vote was delayed by a week', 'the rain delayed the start of the race', 'they still have two games to play',
    'you can watch the match online', 'the game was postponed because of the weather', 'the show has been renewed for another season', 'they have been married for {n} years',
  ],
  positive: [
    'the new trailer looks amazing', 'can not wait for the release on friday!', 'this album is a masterpiece', 'loved every minute of the show tonight',
    'what a performance, she was incredible', 'best episode of the season by far', 'such a great speech, very inspiring', 'so happy for the team, they deserved it',
    'the concert last night was unforgettable', 'what a match! great goal in the last minute', 'really enjoyed the film, go see it', 'the new game is so much fun',
    'happy friday everyone!', 'excited to see them live on saturday', 'this is the best news i have heard all week', 'huge congrats on the new album',
    'the view from the top was worth it', 'great night out with the girls', 'my little brother graduated today, so proud', 'loving the new season so far',
    'he is such a talented actor', 'she has the best voice', 'beautiful sunset tonight', 'the food at the festival was delicious',
    'wonderful day at the park with the kids', 'that interview was brilliant', 'great to see so many people at the rally', 'fantastic win for the boys tonight',
    'cannot wait to see the sequel!', 'may the 4th be with you, happy star wars day', 'thanks for a great night everyone', 'i love this time of year',
    'so much fun at the game today', 'the new update is awesome', 'really looking forward to the weekend', 'what a lovely surprise',
    'i am so excited for tomorrow', 'the best show on tv right now', 'amazing crowd tonight, thank you', 'good times with good friends',
    'we won! what a season', 'the kids had a blast at the fair', 'such a nice morning for a run', 'the final was epic',
    'happy to hear the good news', 'the new single is fire', 'had a great time at the museum', 'this photo made my day',
    'still can not believe we won!', 'no school tomorrow!!', 'can not wait for the long weekend', 'the wait is over, the album is finally out',
    'watching it again tonight because it was that good', 'no words, what a night', 'sorry not sorry, best team in the league', 'could not stop laughing at the show',
    'never seen a crowd like that, amazing', 'nothing better than a sunday roast with the family', 'not going to lie, that was awesome', 'why is this song so good',
  ],
  negative: [
    'the new trailer looks terrible', 'that was the worst speech i have ever heard', 'so disappointed with the ending', 'the match was boring and we lost',
    'can not believe he said that, disgusting', 'the new update ruined the game', 'this election is a joke', 'sick of the constant lies',
    'what a waste of two hours', 'terrible refereeing again', 'so upset about the news', 'the sequel was a huge letdown',
    'this weather is depressing', 'i am so done with this week', 'that was embarrassing to watch', 'the crowd booed him off the stage',
    'worst performance of the season', 'he should resign after that', 'the plan will hurt working families', 'another attack, so sad',
    'shame on them for cancelling the show', 'i hate when people do that', 'the movie was boring and way too long', 'the government failed us again',
  ],
};
