/**
 * Hand-written parts of the escalation corpus (written for Backlash, issue 19): what customers write
 * when a complaint is about to escalate — leaving, legal threats, regulators, the press, health and
 * safety, boycotts, calls to share — and look-alikes that use the same words in another sense
 * (negated, asked about, quoted, praise, the brand's own replies, ordinary chatter). `generate.ts`
 * combines them with the complaint sentences of parts-*.ts into data/corpus/escalation-*.jsonl,
 * which teach the learned escalation head (scripts/train-escalation.ts). None of these lines is
 * taken from data/eval; that set is never trained on.
 */
import { FOURTH } from './escalation-parts-4.js';

export type CueType = 'leave' | 'legal' | 'regulator' | 'press' | 'safety' | 'boycott' | 'amplify';
export interface EscalationParts {
  /** clauses that carry a cue of the type, to be combined with a complaint around them */
  cues: Record<CueType, string[]>;
  /** whole posts that use a cue's words without the cue (label: none) */
  lookalikes: string[];
  /** ordinary posts with no escalation: chatter, questions, praise (label: none) */
  plain: string[];
}

export const EN: EscalationParts = {
  cues: {
    leave: [
      "that's me gone, closing everything I have with you", 'fifteen years with you and I am out the door', 'already signed up with your competitor',
      'sent my cancellation letter today', 'you have seen the last of my money', 'moving everything over to a bank that cares',
      'I will be flying with someone else from now on', 'my contract ends in march and I am not renewing', 'found a cheaper deal elsewhere and I am taking it',
      'consider this my notice', 'cancelling as soon as this call ends', 'I want my PAC code today', 'shutting my account down, enough',
      'the family is switching all four phones away from you', 'we are taking our wedding booking somewhere else', 'deleting the app and never looking back',
      'I will shop anywhere but here from now on', 'unsubscribing from everything you sell', 'this was my final order with you', 'goodbye forever, you had one job',
      'not giving you another cent', 'as of today I am a former customer', 'time to find a supplier that answers emails', 'ending my membership today',
      'I am voting with my wallet and leaving', "I'm taking my pension pot elsewhere", 'booked my next holiday with your rival', 'handed in my notice on the broadband',
    ],
    legal: [
      'my solicitor is drafting a letter as we speak', 'I will be issuing a claim in the county court', 'speaking to a lawyer first thing tomorrow',
      'my legal team will be writing to you', 'I have instructed a law firm', 'this is going to court if it is not refunded by friday',
      'taking you to the small claims court for the full amount', 'a barrister in the family reckons I have a strong case', 'I am suing for the damage to my car',
      'filing a lawsuit over this', 'legal action is the only option left', 'I will see you in front of a judge', 'sending a formal letter before action',
      'my attorney will be in touch', 'joining the class action against you', 'you are in breach of contract and I will enforce it',
      'I have booked a consultation with a solicitor', 'going down the legal route now', 'I will claim every penny through the courts',
      'sending this to my legal insurance people', 'expect a court summons', 'my lawyer has all the paperwork now',
    ],
    regulator: [
      'reporting this to the regulator', 'raising a complaint with the Financial Ombudsman', 'the CAA will be hearing about this', 'writing to Ofcom tonight',
      'lodged a complaint with the energy ombudsman', 'I have contacted trading standards', 'escalating to the FCA', 'sending my evidence to the consumer watchdog',
      'the DOT has my complaint now', 'reporting you to the FAA', 'complaint sent to the CFPB', 'the ombudsman has my case number now',
      'I will be taking this up with the regulator', 'contacting the information commissioner about my data', 'reporting you to the ICO',
      'the food standards agency needs to see this', 'raising it with the ombudsman after eight weeks', 'filed a report with the BBB',
      'reporting this to Ofgem', 'the FTC should look into how you treat customers', 'emailing the rail regulator', 'writing to my MP and the regulator',
    ],
    press: [
      'sending this to the local paper', 'a journalist friend wants my story', 'emailed the BBC consumer team', 'contacting the newspapers about this',
      'I am going to the media', 'this is going on my blog and my channel', 'pitched my story to a reporter', 'the papers will love this story',
      'tipped off the consumer column at the times', 'making a TikTok about this tonight', 'will be telling my story to the press', 'the news desk has my email',
      'already spoke to a reporter from the evening news', 'recording a video for my followers about this', 'this will make headlines', 'watchdog programme has my details',
      'posting the whole saga on youtube', 'a reporter is writing it up for sunday', 'going public with this', 'this deserves to be in the news',
    ],
    safety: [
      'my son ended up in hospital after eating it', 'the charger caught fire on my desk', 'we all got food poisoning', 'there was glass in the salad',
      'my daughter had an allergic reaction despite the label', 'the brakes failed on the hire car', 'the heater started smoking', 'the driver was speeding through the school zone',
      'sick all night after your chicken', 'the step collapsed and my mum broke her wrist', 'sparks came out of the socket', 'the kettle gave me an electric shock',
      'there is a smell of gas in the flat since your engineer left', 'the chicken was raw in the middle', 'bit into a shard of metal in my baguette', 'mould all over the bathroom ceiling',
      'my dad slipped on the wet floor with no sign up', 'the scooter battery swelled and popped', 'the toy has small parts that came off in my baby’s mouth',
      'had to call an ambulance', 'the seatbelt would not fasten for take off', 'my husband was vomiting for two days', 'the pram wheel came off on the road',
      'the fire door was locked shut', 'we were stuck in the lift for an hour with a toddler', 'rat droppings in the kitchen', 'this is a serious health risk',
    ],
    boycott: [
      'everyone please stop buying from them', 'do not give this company your money', 'avoid them like the plague', 'save yourselves and book elsewhere',
      'tell your friends not to use them', 'stay well away from this shop', 'nobody should order from these people', 'please avoid this airline',
      'do not make my mistake, go anywhere else', 'warning to everyone: steer clear', 'I am asking everyone to boycott them', 'spend your money somewhere that respects you',
      'if you value your sanity do not sign up', 'never trust this company with your money', 'do not book with them, seriously',
      'stop shopping there until they pay people back', 'avoid at all costs', 'learn from me and stay away',
    ],
    amplify: [
      'please retweet so they see this', 'share this until they answer', 'RT so more people see', 'please boost this',
      'can everyone share this please', 'help me get this seen', 'spread the word', 'please repost, they ignore me otherwise',
      'retweet if they did the same to you', 'share far and wide', 'let’s make this go viral', 'tag them and share',
      'the more shares the faster they fix it', 'please share, it could happen to you', 'boost this so the brand cannot ignore it', 'pass this on to everyone you know',
    ],
  },
  lookalikes: [
    'loved the reporting on your new routes in the inflight magazine', 'reporting a lost card, what is the number?', 'do you still do a discount for solicitors?', 'my lawyer friend recommended your app',
    'watching a court drama on your streaming app', 'meet you at the food court by gate 5', 'the tennis court booking page is down', 'I am not going to sue, I just want a refund',
    'no need for lawyers, just fix it', 'is the CAA approval for the new route done?', "if our final response doesn't resolve it, the Financial Ombudsman Service is free to use", 'please DM us your booking reference and we will look into it',
    "so sorry about this, DM us the order number and we'll check", 'love the new press release about the route', 'read about your new app in the paper today, looks good', 'the news said the strike is over, is that right?',
    'I work in media, any jobs going?', 'your youtube tutorial on the router was great', 'great coverage of the match on your channel', 'the hospital parking app is down',
    'delivering to the children’s hospital, which entrance?', 'the safety demo was really clear', 'I am not leaving, just want this fixed', 'never had a problem before today',
    'I would never leave you, you are brilliant', 'switching to your fibre plan next month, excited', 'just switched to you from another bank, so far so good', 'how do I switch my account to the new app?',
    'the boycott of plastic bags in your stores is great', 'please share the train times for sunday', 'can you share the menu?', 'retweeted your competition, fingers crossed',
    'shared your post about the charity run', 'my daughter wants to be a journalist, any work experience at your office?', 'the press pass collection is at gate B?', 'is the fire exit the one by the lift?',
    'the chicken at your new place is amazing', 'the staff were so kind when my son felt ill on the flight', 'thank you for calling an ambulance for my grandad, the crew were heroes', 'the room was spotless, no mould anywhere unlike the last hotel',
    'I keep telling everyone to use you, best bank ever', 'do not miss the sale this weekend', 'avoid the queues and order online', 'stay away from the dessert menu, too tempting 😂',
    'not going to the press, just sort it out please', 'I am not saying I will sue, I just want an answer', 'if the regulator allows it, can you open on sundays?', 'the ombudsman scheme page has a broken link',
    'the billboard says "leave your old bank today" lol', 'the headline of your newsletter made me laugh', 'our court date for the wedding is set, booking the cake now', 'leaving a review now, five stars',
    'I left my umbrella on the train, is there a lost property?', 'the viral dance in your ad is fun', 'retirement drinks were at your restaurant, lovely evening', 'my mum was in hospital and your staff sent flowers, thank you',
  ],
  plain: [
    'what time does the branch open on saturday?', 'can I change my delivery address?', 'thanks for the quick refund', 'the new menu looks great',
    'my parcel arrived early, cheers', 'any update on the outage in leeds?', 'how do I add a second card?', 'flight was on time and the crew were lovely',
    'love the new app design', 'is there wifi on the 8am train?', 'the driver was really friendly today', 'order number is 55812, can you check it?',
  ],
};

export const PL: EscalationParts = {
  cues: {
    leave: [
      'od przyszłego miesiąca jestem u konkurencji', 'właśnie złożyłem wypowiedzenie umowy', 'przenoszę wszystkie oszczędności do innego banku', 'to było moje ostatnie zamówienie u was',
      'po dziesięciu latach odchodzę', 'rezygnuję z abonamentu z końcem okresu', 'więcej mnie u was nie zobaczycie', 'nie przedłużę umowy, nie ma mowy',
      'szukam już nowego dostawcy prądu', 'zamykam konto jeszcze dziś', 'cała rodzina przechodzi do innej sieci', 'nie dostaniecie ode mnie ani złotówki więcej',
      'od dziś latam inną linią', 'usuwam aplikację i koniec', 'koniec współpracy z wami', 'przeniosłam numer do innego operatora',
      'żegnajcie, było minęło', 'jako były klient mówię: dość', 'wybieram konkurencję', 'kończę z wami raz na zawsze',
    ],
    legal: [
      'sprawą zajmie się mój adwokat', 'składam pozew do sądu', 'skonsultowałem sprawę z prawnikiem', 'dostaniecie wezwanie do zapłaty od kancelarii',
      'do zobaczenia na sali sądowej', 'kieruję sprawę na drogę sądową', 'mam już umówioną wizytę u radcy prawnego', 'pozwę was o odszkodowanie',
      'zgłaszam sprawę do prokuratury', 'mój pełnomocnik się z wami skontaktuje', 'przygotowuję pozew o zwrot kosztów', 'sąd rozstrzygnie, kto ma rację',
      'naruszyliście umowę i wyciągnę z tego konsekwencje prawne', 'kancelaria już ma wszystkie dokumenty', 'złożę zawiadomienie o oszustwie', 'dochodzić będę swoich praw w sądzie',
    ],
    regulator: [
      'piszę skargę do UOKiK', 'sprawa idzie do Rzecznika Finansowego', 'zgłaszam to do rzecznika konsumentów', 'poinformuję Inspekcję Handlową',
      'złożyłam skargę do Rzecznika Praw Pacjenta', 'powiadomię KNF o waszych praktykach', 'skarga do UKE już wysłana', 'sanepid dostanie zdjęcia z waszej kuchni',
      'zgłoszę to do Urzędu Lotnictwa Cywilnego', 'napisałem do URE w sprawie rachunków', 'UODO dowie się o wycieku moich danych', 'miejski rzecznik konsumentów ma już moją sprawę',
      'zgłaszam naruszenie do PIP', 'wysłałem skargę do urzędu ochrony konkurencji', 'zawiadomię odpowiednie urzędy', 'sprawa trafi do regulatora',
    ],
    press: [
      'wysyłam całą historię do redakcji', 'opiszę to na swoim blogu', 'dziennikarze się tym zainteresują', 'skontaktowałam się z lokalną telewizją',
      'nagram o tym film na YouTube', 'ta sprawa trafi do mediów', 'napisałem do Uwagi TVN', 'reporter już do mnie dzwonił',
      'opiszę wszystko w gazecie', 'nagłośnię tę sprawę w internecie', 'wrzucę to na TikToka, niech ludzie zobaczą', 'wysłałam maila do Interwencji',
      'niech cała Polska się dowie z mediów', 'artykuł o was już się pisze', 'sprawa będzie w lokalnym radiu', 'opiszę to w prasie',
    ],
    safety: [
      'po waszej pizzy całą noc wymiotowałem', 'dziecko trafiło do szpitala po tym jogurcie', 'ładowarka zaczęła się palić', 'w zupie było szkło',
      'córka dostała wysypki i duszności', 'z gniazdka poszły iskry', 'hamulce w wypożyczonym aucie nie działały', 'czuć gaz na klatce od wizyty technika',
      'kurczak był surowy w środku', 'mama poślizgnęła się na mokrej podłodze i złamała rękę', 'grzejnik zaczął dymić', 'mąż ma zatrucie pokarmowe',
      'kierowca pędził jak szalony przez osiedle', 'wezwaliśmy karetkę', 'na suficie w łazience jest pleśń', 'bateria hulajnogi spuchła i wybuchła',
      'zabawka ma ostre krawędzie, dziecko się skaleczyło', 'w kuchni widziałem karalucha', 'to zagraża zdrowiu dzieci', 'drzwi ewakuacyjne były zamknięte na kłódkę',
    ],
    boycott: [
      'nie kupujcie tam nic', 'omijajcie ten sklep szerokim łukiem', 'ostrzegam wszystkich przed tą firmą', 'nie dawajcie im swoich pieniędzy',
      'szkoda nerwów, idźcie gdzie indziej', 'nikomu nie polecam tej linii', 'uważajcie na nich', 'bojkotujmy tę sieć',
      'nie zamawiajcie u nich jedzenia', 'trzymajcie się od nich z daleka', 'odradzam każdemu', 'nie róbcie mojego błędu, wybierzcie kogoś innego',
    ],
    amplify: [
      'udostępnijcie, niech to dotrze do firmy', 'proszę o udostępnienia', 'podajcie dalej', 'im więcej udostępnień, tym szybciej zareagują',
      'przekażcie dalej znajomym', 'oznaczcie ich i udostępnijcie', 'niech to się rozejdzie po sieci', 'proszę o podanie dalej, bo mnie ignorują',
      'udostępniajcie ile się da', 'dajcie zasięg temu postowi',
    ],
  },
  lookalikes: [
    'czy promocja dla prawników jeszcze trwa?', 'mój znajomy prawnik polecił wasz bank', 'pozew? nie, po prostu oddajcie pieniądze', 'oglądałam serial o sądzie w waszej aplikacji',
    'czy UOKiK zatwierdził już nową taryfę?', 'jeśli odpowiedź Pana nie satysfakcjonuje, przysługuje prawo do wniosku do Rzecznika Finansowego', 'prosimy o numer zamówienia w wiadomości prywatnej', 'przepraszamy za utrudnienia, sprawdzimy to',
    'czytałam o waszej nowej aplikacji w gazecie, fajna', 'pracuję w mediach, macie jakieś oferty pracy?', 'świetny poradnik na YouTube o konfiguracji routera', 'biuro prasowe jest na drugim piętrze?',
    'jak dojechać do szpitala od dworca?', 'dostawa do szpitala na oddział, który wjazd?', 'pokaz bezpieczeństwa przed lotem był bardzo jasny', 'nie odchodzę, chcę tylko, żeby to naprawić',
    'nigdy wcześniej nie miałem problemu', 'przechodzę do was od konkurencji, na razie super', 'jak przenieść konto do nowej aplikacji?', 'nie kupujcie za dużo ciasta, bo się nie zmieści 😂',
    'udostępnijcie proszę rozkład jazdy na niedzielę', 'udostępniłam wasz konkurs, trzymam kciuki', 'czy wyjście ewakuacyjne jest przy windzie?', 'obsługa była cudowna, kiedy synowi zrobiło się słabo w samolocie',
    'dziękuję za wezwanie karetki dla dziadka, załoga to bohaterowie', 'polecam wszystkim, najlepszy bank', 'nie przegapcie wyprzedaży w weekend', 'nie idę do mediów, po prostu naprawcie to',
    'nie mówię, że pójdę do sądu, chcę tylko odpowiedzi', 'w reklamie piszecie „przejdź do nas i oszczędzaj”', 'zostawiam opinię, pięć gwiazdek', 'zgubiłem parasol w pociągu, gdzie jest biuro rzeczy znalezionych?',
    'mama była w szpitalu, a wasz personel przysłał kwiaty, dziękuję', 'rzecznik prasowy firmy udzielił ciekawego wywiadu', 'dziennikarka z radia bardzo ciepło mówiła o waszej akcji', 'czy pizza jest ostra? dziecko nie lubi ostrego',
  ],
  plain: [
    'czy mogę zmienić termin dostawy?', 'dziękuję za szybki zwrot', 'paczka przyszła dzień wcześniej', 'o której otwieracie w sobotę?',
    'nowa aplikacja działa świetnie', 'kurier był bardzo miły', 'czy jest wifi w pociągu?', 'numer zamówienia 5521, proszę sprawdzić',
  ],
};

export const ZH: EscalationParts = {
  cues: {
    leave: [
      '下个月合约到期就不续了', '已经把工资卡换到别的银行', '这是我在你们家最后一单', '十年老用户，今天销号', '以后出差都坐别的航空公司',
      '会员到期就不续费了', '卸载了，再见', '换成隔壁那家了', '以后再也不会下单', '已经办了携号转网', '家里三张卡全部注销', '不会再给你们一分钱',
      '从今天起我就是前客户了', '我已经去别家开户了', '这个平台我不用了', '彻底告别你们',
    ],
    legal: [
      '已经咨询了律师，准备起诉', '咱们法庭上说话', '我会通过法律途径解决', '律师函马上寄给你们', '打算到法院起诉立案', '我要告你们违约',
      '这事必须打官司', '事情交给律师了', '法律责任你们跑不掉', '准备走诉讼程序', '我们法庭上见', '申请了劳动仲裁',
    ],
    regulator: [
      '12315电话打过了', '我要去市场监管局投诉', '向民航局反映了', '投诉到消协了', '向银保监会投诉', '市民热线12345我打过了',
      '已经向工信部申诉', '向卫健委举报这家医院', '这事我会上报交通运输部', '向有关部门举报你们', '找了当地的监管部门', '消协那边我投诉过了',
    ],
    press: [
      '电视台那边我联系好了', '我要找媒体曝光你们', '这事我发微博了', '记者已经在联系我', '我会在抖音上曝光', '把经过发给了新闻热线',
      '准备写篇文章发到网上', '发小红书让大家看看', '找本地媒体报道', '已经上了本地新闻', '我要让全网都知道', '录了视频准备发出去',
    ],
    safety: [
      '吃完全家都拉肚子', '孩子吃了以后住院了', '充电器冒烟了', '饭里吃出玻璃', '吃了过敏全身起疹子', '插座冒火花',
      '刹车有问题差点撞车', '家里有煤气味', '鸡肉是生的', '老人在湿地板上滑倒骨折了', '暖气片冒烟', '我老公食物中毒了',
      '司机开得飞快很危险', '叫了救护车', '卫生间全是霉', '电池鼓包炸了', '菜里有蟑螂', '孩子被玩具划伤流血',
    ],
    boycott: [
      '大家千万别买', '避雷这家店', '奉劝各位别去', '大家别在他家点外卖', '不要把钱给这种公司', '提醒大家远离',
      '谁买谁后悔', '强烈不推荐', '千万别上当', '抵制这种黑心商家',
    ],
    amplify: [
      '求转发', '帮忙扩散一下', '各位帮我转一转', '转发让更多人看到', '求扩散', '帮忙顶上去', '请大家帮忙转发', '转起来让他们看到',
    ],
  },
  lookalikes: [
    '律师优惠还有吗？', '律师朋友向我推荐了你们家', '我不想起诉，只想退款', '在你们的APP上看了一部法庭剧',
    '民航局批准新航线了吗？', '对结果有异议的话，您也可以向12315反映', '请私信我们订单号，我们马上处理', '非常抱歉，我们马上核查',
    '报纸上介绍了你们新品，挺好', '我在媒体工作，有招聘吗？', '你们的教程视频很好', '记者朋友说你们服务很好',
    '去医院怎么走？', '外卖送到医院住院部几号门？', '安全演示讲得很清楚', '我不是要销户，只想解决问题',
    '从来没遇到过问题', '刚从别家换到你们，目前很满意', '怎么换绑新手机号？', '别买太多，吃不完 😂',
    '请转发一下周日的时刻表', '转发了你们的抽奖，求中奖', '安全出口在电梯旁边吗？', '孩子在飞机上不舒服，空乘很照顾，谢谢',
    '谢谢你们帮爷爷叫救护车', '推荐大家用，服务最好', '别错过周末的促销', '我不打算找媒体，你们尽快处理就行',
    '你们的广告说“换到我们更省钱”', '好评，五星', '火锅辣得爆炸好吃', '妈妈住院时你们送了花，谢谢',
  ],
  plain: ['请问几点开门？', '谢谢你们的快速退款', '包裹提前到了', '新版APP很好用', '快递员很客气', '订单号8812，帮忙查一下', '酒店离机场很近', '明天可以预订吗？'],
};

/** Second round of phrasings (more verbs, tenses, registers and slang), per language and type. */
const MORE: Record<'en' | 'pl' | 'zh', Partial<Record<CueType, string[]>>> = {
  en: {
    leave: [
      'done with you lot for good', 'my loyalty ends today', 'I have had it, switching this weekend', 'going elsewhere, bye', 'will not be renewing my policy',
      'just closed my savings account with you', 'the whole office is moving supplier next month', 'cancel everything, I mean it', 'you will not get my custom again',
      'going back to my old provider', 'that was the final straw, I am off', 'already ported my number away', 'signed with a different broadband company today',
      'never booking with you again', 'never ordering from here again', 'this is the last time I shop here', 'ex-customer as of now', 'moving my business to someone who cares',
      'I quit your gym today', 'terminating the contract early, whatever it costs', 'after 8 years I am walking away', 'take me off your books',
      'I will never set foot in your stores again', 'we are done, I have found a better bank', 'you lost a customer for life',
    ],
    legal: [
      'I am talking to a solicitor about this', 'see you in court', 'my lawyer will be contacting you', 'I will be taking legal action',
      'this is now a legal matter', 'I will sue for every penny', 'expect a letter from my solicitor', 'I have started a claim against you',
      'signed up with a no-win-no-fee outfit for this', 'my legal cover is handling it now', 'court papers are being drawn up', 'I will take this all the way to court',
      'getting legal advice tomorrow', 'my lawyer says you owe me', 'the small claims form is filled in', 'I am suing the company',
      'we have a personal injury solicitor on it', 'I am pursuing this through the courts',
    ],
    regulator: [
      'complaining to the ombudsman today', 'taking this to the regulator', 'I have reported you to trading standards', 'the watchdog will hear about this',
      'logged it with the financial ombudsman service', 'reported to the consumer protection authority', 'I am filing with the aviation regulator', 'reporting the company to the authorities',
      'Ofcom complaint submitted', 'the FCA needs to know about this', 'DOT complaint filed', 'I am escalating this to the ombudsman',
      'a complaint has gone to the energy regulator', 'I have contacted the consumer council', 'reporting to the health and safety executive',
    ],
    press: [
      'the press will hear about this', 'I am contacting journalists', 'I have emailed the newspaper', 'the papers are getting this story',
      'sending it to a TV consumer show', 'I will make sure this gets media coverage', 'a journalist is looking into it', 'this is going on the news',
      'putting it all over social media and the press', 'contacted the local radio station', 'the story goes to the press tomorrow', 'I am writing an article about your service',
      'filming a video about how you treated me', 'the reporter wants photos of the damage', 'sent my story to a consumer journalist', 'my blog post about you goes live tonight',
    ],
    safety: [
      'my kid was sick all night after your meal', 'this product is dangerous', 'it nearly started a fire', 'I got burned by the faulty kettle',
      'my husband ended up in A&E', 'we both got food poisoning from the takeaway', 'the battery exploded', 'the wiring was exposed and live',
      'the car lost its brakes on the motorway', 'there was a blade in my food', 'allergic reaction, we had to use the epipen', 'the stairs collapsed under me',
      'the room had carbon monoxide', 'a pipe burst and the ceiling fell in', 'someone could get killed', 'the driver was on his phone doing 80',
      'my baby choked on a piece that came off', 'raw meat served to a pregnant woman', 'the balcony railing is loose', 'I was electrocuted by the plug',
      'there were maggots in the bin by the kitchen', 'the fridge was warm and the milk had gone off, my son threw up',
    ],
    boycott: [
      'boycott this company', 'do not buy anything from them', 'avoid this airline', 'stay away from this bank', 'dont waste your money here',
      'everyone should avoid them', 'I urge everyone to stop using them', 'do not order from this restaurant', 'steer clear of this lot',
      'people please avoid', 'do yourselves a favour and go elsewhere', 'they do not deserve your money', 'do not use this company',
      'avoid avoid avoid', 'warn your friends about them',
    ],
    amplify: [
      'please share', 'retweet please', 'RT this so they notice', 'share to warn others', 'help me spread this', 'please amplify',
      'can you all repost this', 'get this trending', 'boost please', 'like and share so they respond', 'share with anyone who uses them', 'make this viral',
    ],
  },
  pl: {
    leave: [
      'odchodzę do konkurencji', 'rezygnuję z waszych usług', 'wypowiedziałem umowę', 'zamknąłem konto', 'nigdy więcej u was', 'zmieniam dostawcę internetu',
      'to był ostatni raz', 'więcej nie kupię w tym sklepie', 'przenoszę się do innego banku', 'straciliście klienta', 'rezygnuję z karty', 'koniec, zmieniam sieć',
      'już do was nie wrócę', 'kasuję konto w aplikacji', 'mam was dość, odchodzę', 'żegnam się z wami na zawsze', 'przechodzę do innego operatora',
    ],
    legal: [
      'idę z tym do sądu', 'sprawę przekazuję prawnikowi', 'podam was do sądu', 'zajmie się tym mój prawnik', 'sprawa skończy się na sali rozpraw',
      'złożę pozew', 'skieruję sprawę do sądu', 'wynająłem adwokata', 'rozmawiałam z radcą prawnym', 'będzie pozew zbiorowy', 'zgłoszę sprawę na policję i do prokuratury',
    ],
    regulator: [
      'zgłoszę to do UOKiK', 'złożę skargę do rzecznika', 'piszę do Rzecznika Finansowego', 'idę do rzecznika praw konsumenta', 'poinformuję urząd',
      'skarga do KNF', 'zgłoszę do sanepidu', 'powiadomię inspekcję pracy', 'zgłaszam do UKE', 'napiszę skargę do urzędu',
    ],
    press: [
      'sprawa trafi do prasy', 'zgłoszę się do telewizji', 'napiszę do gazety', 'powiadomię media', 'dziennikarze się dowiedzą', 'opiszę to na Facebooku i w mediach',
      'zrobię o tym film', 'nagłośnię to', 'skontaktuję się z redakcją', 'wyślę to do reportera',
    ],
    safety: [
      'zatrułem się waszym jedzeniem', 'dziecko wymiotowało całą noc', 'trafiłam do szpitala', 'urządzenie się zapaliło', 'poraził mnie prąd',
      'w jedzeniu był kawałek metalu', 'to jest niebezpieczne', 'mogło dojść do tragedii', 'mam oparzenia', 'alergia, musieliśmy jechać na SOR',
      'złamałam nogę na waszych schodach', 'kierowca jechał niebezpiecznie', 'czujemy gaz w mieszkaniu', 'mięso było surowe',
    ],
    boycott: [
      'omijajcie tę firmę', 'nie polecam nikomu', 'nie kupujcie u nich', 'unikajcie tego sklepu', 'bojkot tej firmy', 'szkoda pieniędzy, idźcie gdzie indziej',
      'ostrzegam przed nimi', 'nie korzystajcie z ich usług',
    ],
    amplify: ['udostępnijcie', 'proszę o udostępnienie', 'podajcie dalej proszę', 'niech to pójdzie w świat', 'udostępnij, niech ludzie wiedzą', 'rozpowszechniajcie'],
  },
  zh: {
    leave: ['再也不用了', '再也不来了', '以后不会再买', '这个户我销定了', '注销会员', '换一家', '不续费了', '这是最后一次', '已经换别家了', '再见了您嘞', '取关了', '永远不会再坐你们的飞机'],
    legal: ['我要起诉你们', '我要找律师', '法院见', '准备打官司', '已经请了律师', '走法律程序', '我会告你们', '律师已经介入'],
    regulator: ['我要投诉到12315', '去消协投诉', '市场监管局那边我去举报', '打12345投诉', '向银保监会举报', '投诉到民航局', '向有关部门反映', '举报到工商'],
    press: ['找媒体曝光', '联系记者', '发微博曝光', '上抖音曝光', '找电视台', '让媒体报道一下', '放到网上让网友评评', '发小红书曝光'],
    safety: ['吃了拉肚子', '食物中毒进了医院', '孩子过敏了', '差点着火', '漏电很危险', '吃出了虫子', '被烫伤了', '摔伤了', '肉没熟', '吃完上吐下泻', '有安全隐患', '电动车电池起火'],
    boycott: ['大家别买', '千万别去', '避雷', '大家不要点这家', '抵制', '别上当', '劝大家别用', '远离这家店'],
    amplify: ['求扩散', '求转发', '帮忙转发', '让更多人看到', '转发扩散', '大家帮帮忙转一下'],
  },
};
for (const [lang, parts] of [['en', EN], ['pl', PL], ['zh', ZH]] as const) {
  for (const [type, list] of Object.entries(MORE[lang])) parts.cues[type as CueType].push(...list!);
}

/** Third round: everyday words for harm and for walking away, and more look-alikes. */
const THIRD: Record<'en' | 'pl' | 'zh', { cues: Partial<Record<CueType, string[]>>; lookalikes: string[] }> = {
  en: {
    cues: {
      safety: [
        'my daughter was poorly for three days after eating there', 'the nurse at urgent care said it was the food', 'the doctor thinks it was your prawns', 'we were up all night being sick',
        'the lid flew off and scalded my arm', 'the socket melted and the room filled with smoke', 'the tyre blew out at 70', 'the bus driver ran a red light with kids on board',
        'the handrail came away in my hand on the stairs', 'a nail sticking out of the seat cut my leg', 'the cot has a gap a baby could get stuck in', 'there was blood on the sheets when we checked in',
        'my toddler swallowed a bit of the toy', 'found a dead mouse in the packet', 'the hotel pool had no lifeguard and my son nearly drowned', 'the crew ignored the smoke smell in the cabin',
        'fumes from the boiler gave us headaches for a week', 'the e-bike caught fire in the hallway', 'nut allergy ignored, she needed adrenaline', 'the taxi had no working seatbelts in the back',
      ],
      leave: [
        'looking for a new insurer as we speak', 'I will go to a competitor who values me', 'sold my shares and closed the account', 'we have cancelled the order and the account',
        'never again, I mean it this time', 'tell your boss you lost a family of five', 'I am cutting ties with this company', 'our contract will not be renewed', 'I will stick to the train from now on, not your airline',
        'refunded and gone', 'switched to a rival app', 'the car goes back and I am never leasing from you again',
      ],
      legal: ['our family lawyer is reviewing the contract', 'this will end up in court', 'we are preparing a claim for compensation through a solicitor', 'my union rep and a lawyer are involved now', 'the court claim is in the post'],
      boycott: ['friends do not let friends bank here', 'if you have any sense you will shop elsewhere', 'do not give them a penny', 'avoid this hotel whatever the price', 'please do not support this business'],
      amplify: ['share this everywhere', 'repost so nobody else gets caught out', 'quote tweet this and tag them', 'if this gets enough shares they might listen'],
    },
    lookalikes: [
      'sick of waiting in this queue, any idea how long?', 'this burger is sick 🔥', 'the new ride at the park is dangerously fun', 'the new menu is killer',
      'the nurse who served us on the flight was lovely', 'ordered flowers for my nan in hospital, arrived on time', 'my lawyer brother loves your coffee', 'court shoes are back in stock?',
      'breaking news: your app update finally fixed the login', 'shared a lovely meal with the family here', 'I left my charger in the room, can you post it?', 'I am done with my order, how do I pay?',
      'my son is leaving for university, can he switch the account to his name?', 'cancelling the 3pm appointment, can I rebook for friday?', 'avoid the motorway today, traffic is awful', 'the press conference is at 10?',
      'the viral video of your pilot singing made my day', 'is the regulator on my boiler covered by the warranty?', 'the fire alarm test is at noon, just so you know', 'allergy info for the cake please?',
      'how do I report a lost card?', 'can I report a fault on the line online?', 'our legal team needs a copy of the invoice, where can I download it?', 'great article about your apprenticeships in the local paper',
    ],
  },
  pl: {
    cues: {
      safety: ['synek miał gorączkę i wymioty po obiedzie u was', 'pani doktor powiedziała, że to od jedzenia', 'kabel się stopił i poszedł dym', 'kierowca autobusu przejechał na czerwonym z dziećmi',
        'poręcz odpadła na schodach', 'dziecko połknęło część zabawki', 'w opakowaniu była martwa mysz', 'w pokoju była pleśń i dziecko ma kaszel', 'bateria w telefonie spuchła i zaczęła dymić', 'nikt nie zareagował na zapach spalenizny'],
      leave: ['szukam nowego ubezpieczyciela', 'przeniosę się do konkurencji, która szanuje klientów', 'zrezygnowaliśmy z zamówienia i konta', 'nigdy więcej, tym razem na serio', 'umowa nie zostanie przedłużona', 'zmieniłem aplikację na konkurencyjną'],
      legal: ['radca prawny przegląda umowę', 'skończy się to w sądzie', 'przygotowujemy pozew o odszkodowanie', 'sprawa jest już u prawnika'],
      boycott: ['nie wydawajcie tam pieniędzy', 'nie wspierajcie tej firmy', 'omijajcie ten hotel'],
      amplify: ['udostępnijcie wszędzie', 'niech każdy to zobaczy, udostępniajcie'],
    },
    lookalikes: ['ten burger to sztos 🔥', 'mam dość czekania w kolejce, ile jeszcze?', 'kupiłam kwiaty dla babci w szpitalu, doszły na czas', 'brat prawnik uwielbia waszą kawę',
      'odwołuję wizytę o 15, czy można w piątek?', 'omijajcie dziś obwodnicę, korki straszne', 'zostawiłam ładowarkę w pokoju, możecie odesłać?', 'jak zgłosić zgubioną kartę?',
      'fajny artykuł o waszych praktykach w lokalnej gazecie', 'syn wyjeżdża na studia, czy może przepisać konto na siebie?', 'o której jest konferencja prasowa?', 'informacja o alergenach w cieście?'],
  },
  zh: {
    cues: {
      safety: ['孩子吃完发烧呕吐', '医生说是吃的东西有问题', '电线烧化了冒烟', '公交司机带着孩子闯红灯', '楼梯扶手掉了', '孩子把玩具零件吞了', '包装里有死老鼠', '房间发霉孩子一直咳嗽', '手机电池鼓包冒烟'],
      leave: ['在找新的保险公司', '去别家了', '订单和账户都取消了', '这次是真的再也不来了', '合同到期不续了'],
      legal: ['律师在看合同', '这事会闹上法庭', '准备起诉要求赔偿'],
      boycott: ['别在这家花钱', '不要支持这种店', '大家绕开这家酒店'],
      amplify: ['到处转发', '让每个人都看到，转起来'],
    },
    lookalikes: ['这个汉堡绝了🔥', '排队排到崩溃，还要多久？', '给住院的奶奶订的花准时到了', '我哥是律师，很喜欢你们的咖啡', '取消下午三点的预约，周五可以吗？',
      '今天高架堵死了，大家绕行', '充电器落在房间了，能寄给我吗？', '怎么挂失银行卡？', '本地报纸写了你们的实习项目，很棒', '发布会几点开始？', '蛋糕有过敏原信息吗？'],
  },
};
for (const [lang, parts] of [['en', EN], ['pl', PL], ['zh', ZH]] as const) {
  for (const [type, list] of Object.entries(THIRD[lang].cues)) parts.cues[type as CueType].push(...list!);
  parts.lookalikes.push(...THIRD[lang].lookalikes);
}

// Fourth round (escalation-parts-4.ts)
for (const [lang, parts] of [['en', EN], ['pl', PL], ['zh', ZH]] as const) {
  for (const [type, list] of Object.entries(FOURTH[lang].cues)) parts.cues[type as CueType].push(...list!);
  parts.lookalikes.push(...FOURTH[lang].lookalikes);
}
