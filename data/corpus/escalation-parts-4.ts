/**
 * Fourth round of the escalation corpus's hand-written parts (issue 19, third session), merged into
 * escalation-parts.ts: more registers for each cue type — trade and everyday names for lawyers,
 * courts, newsrooms and injuries, walking away in the past tense and as an outcome ("you've lost
 * me"), calls to avoid addressed to a group — and look-alikes built on the words the cue rules
 * match in another sense (a review left, a report filed with the brand, news that is praise, a
 * share that is a favour). Written for Backlash from general knowledge of how customers write; no
 * line is taken from data/eval (test/classify/escalation-corpus.test.ts checks for shared runs).
 */
type Cues = Partial<Record<'leave' | 'legal' | 'regulator' | 'press' | 'safety' | 'boycott' | 'amplify', string[]>>;

export const FOURTH: Record<'en' | 'pl' | 'zh', { cues: Cues; lookalikes: string[] }> = {
  en: {
    cues: {
      leave: [
        'I am taking my money to a credit union', 'this is the push I needed to leave', 'my renewal notice went straight in the bin, I am gone', 'I will not be back, not after this',
        'we are finished, you and me', 'our account is closed as of this afternoon', 'put the phone down and signed up with someone else', 'fifth year a member and my last',
        'I will be going to the supermarket across town instead', 'switching the whole family over this weekend', 'told the retention team no thanks, I am leaving', 'I have found a new gym, cancel me',
        'no more orders from me, ever', 'once my contract is up I am gone', 'my custom goes elsewhere from today', 'leaving after twelve years, shameful',
        'I have had enough, closing the card', 'not renewing the insurance with you, quote elsewhere was cheaper and kinder', 'last flight with this lot', 'we moved the company account to a different bank',
        'I will take the coach next time rather than fly with you', 'that was the last straw, account closed', 'bye, I am off to a provider that answers the phone', 'you just lost three generations of customers',
        'cancelled the lot, app, card and account', 'my next car will not be one of yours', 'your loss, I am shopping at the co-op now', 'I will never give you my business again',
        'that is it, I am done with your company', 'you have officially lost me', 'twenty years of custom thrown away, I am gone', 'cancelled the standing order, bye',
        'my direct debit to you is cancelled', 'we are taking our custom to the shop down the road', 'I will be using the independent place from now on',
        'unfollowed, unsubscribed, account deleted', 'our firm will not renew your licence next year', 'we are migrating off your platform this quarter',
        'moving my mortgage when the fix ends, and not to you', 'just paid the exit fee to get away from you', 'I am out, find another mug',
        'lost me as a customer over a fiver', 'well done, one less customer', 'congratulations on losing a loyal customer', 'my last ever booking with this chain',
        'not flying this airline ever again', 'will never stay at one of your hotels again', 'off to your competitor first thing monday', 'my pension is moving provider',
        'I have requested my switching code', 'this is the end of my membership', 'asked them to close the account and send the balance', 'we have stopped ordering from you completely',
        'returning the phone and cancelling the plan', 'you will not see me in your branch again', 'shopping at the market from now on instead of your store',
      ],
      legal: [
        'small claims court it is', 'I will see you at the county court', 'my solicitor will be in touch about the deposit', 'I have filed the claim online today',
        'the no win no fee people say I have a case', 'a court date has been set for my claim against you', 'I am consulting a lawyer about the injury',
        'we have instructed solicitors', 'our lawyers will write to you this week', 'I have consulted an attorney', 'proceedings will be issued next week',
        'letter before action sent by recorded delivery', 'I am preparing a claim in the small claims track', 'this is heading for litigation', 'my cousin the barrister is drafting the claim',
        'taking legal advice on the injury', 'our solicitor has the photos and the receipts', 'you will be hearing from my legal representative', 'I have lodged a claim at the county court',
        'I will be seeking damages', 'a no-win-no-fee firm has taken my case', 'I am taking you to an employment tribunal', 'the lawyers can sort it out now',
        'we are starting legal proceedings', 'fourteen days to pay or I file the claim', 'consulting a solicitor about the cancellation fees', 'my legal expenses cover has approved a claim',
      ],
      regulator: [
        'opened a complaint with the ombudsman', 'the Civil Aviation Authority will get my file', 'reported the overdraft fees to the consumer finance bureau', 'the Information Commissioner will hear about the breach',
        'complaint lodged with the Gambling Commission', 'escalated to the telecoms ombudsman', 'I reported the breach to the data protection regulator', 'trading standards have my receipts',
        'contacted the environmental health officer about the kitchen', 'the rail ombudsman has my complaint', 'sent everything to the financial ombudsman', 'I have asked the regulator to investigate',
        'the state attorney general will get a complaint from me', 'reporting to the consumer rights body', 'the council food safety team is coming out',
      ],
      press: [
        'the local paper wants to interview me', 'my cousin works at the newspaper and is interested', 'I have written to the consumer page of the paper', 'the radio phone-in will hear about this tomorrow',
        'the telly people are coming round on monday', 'I sent my photos to the news desk', 'a reporter is writing about the cancelled flights and I am in it', 'this will be on the front page',
        'the local news are doing a piece on this', 'I gave an interview to a TV channel about this', 'phoning in to the radio show about you tomorrow', 'the consumer journalists at the paper have my story',
        'a newspaper is running my story this weekend', 'the evening news want to film at my house', 'a journalist from the paper just called me back', 'the media will have a field day with this',
        'this story is going to the tabloids', 'a consumer programme wants to feature my case', 'I have a thread ready for the reporters', 'my podcast episode about you drops tomorrow',
        'I am posting the full story on reddit and every news site that will take it', 'a reporter from the regional paper is on it', 'the BBC have my email and the photos', 'my vlog about your service goes up tonight',
      ],
      safety: [
        'the guard rail on the stairs is hanging off', 'my son got an electric shock from the hand dryer', 'the bus doors closed on my arm', 'I found a needle in the hotel bed',
        'the food made the whole table ill', 'my wife had to go to hospital after the meal', 'the tyre you fitted came loose on the motorway', 'the CO detector in our cabin kept beeping',
        'the oven door shattered', 'the milk was off and my baby was sick', 'the pharmacy gave my mum the wrong tablets', 'the lifeguard was asleep and a child nearly drowned',
        'the plug on the lamp got so hot it melted', 'there was mouse poo on the bread', 'the toddler seat was not fixed to the car', 'the trampoline net tore and my daughter fell',
        'the charger melted and burnt the carpet', 'the plug scorched the wall', 'I needed stitches after the shelf fell on me', 'the emergency exit was padlocked',
        'the seat belt on my seat does not click shut', 'smell of gas in the station and staff ignored it', 'the coffee lid came off and scalded my hand', 'the wheel snapped off the scooter and I went flying',
        'I was rushed to hospital after your meal', 'we were poisoned by the food at your hotel', 'the boiler leaks fumes', 'the pram brake failed on a slope',
        'the smoke alarm in the room had no battery', 'the lift doors closed on my son', 'the glass shelf shattered and cut my daughter', 'the microwave sparked and caught fire',
        'sharp metal edge on the toy cut my son', 'the taxi driver was swerving and texting', 'the water from the tap was brown and we got ill', 'the burger was pink and I was ill for days',
        'my dog got sick from your treats', 'the hoverboard started smoking while charging', 'exposed wires in the changing room', 'the railing on the terrace gave way',
      ],
      boycott: [
        'please, nobody book with them', 'everyone stay away until they refund people', 'I am begging you, use anyone else', 'do not trust them with your wedding',
        'if you are thinking of using them, do not', 'avoid like the plague, honestly', 'friends, do not make the mistake I made with them', 'do not put your kids in this club',
        'save your money and your sanity, go elsewhere', 'steer well clear of this estate agent', 'do not sign anything with them', 'let us all stop buying from them until they change',
        'the whole neighbourhood is done with them, join us', 'never give these cowboys your business', 'I am warning all my mates off you', 'do not let your kids go to this nursery',
        'a word of advice: go anywhere but here', 'I beg you, do not book through them', 'stop giving them your money, people', 'everyone please stay away from this landlord',
        'do not trust them with your holiday', 'skip this place, honestly', 'spread the message: do not shop here', 'our group has agreed to stop ordering from them',
        'take your custom elsewhere, everyone', 'not worth your money, go elsewhere', 'warning: avoid this garage',
      ],
      amplify: [
        'please retweet, I need help', 'share so people know what they are like', 'please like and retweet so it reaches them', 'repost and tag them',
        'help this reach their CEO', 'rt rt rt', 'please RT', 'retweet this until they reply', 'please share so their boss sees it', 'share it so nobody else gets ripped off',
        'give this a share please', 'tag anyone who banks with them', 'boost this post', 'please repost this', 'can we get this to a thousand shares', 'share if this happened to you too',
      ],
    },
    lookalikes: [
      'always a pleasure on your planes, see you next month', 'on your 7am flight again next week, can I add a bag?', 'cannot wait for our trip with you in june', 'so glad I switched to you last year',
      'will be ordering from you again next week, great food', 'first time booking with you, any tips?', 'I will be back for the brunch', 'never had better service, thank you',
      'the meat was a bit dry but the staff were nice', 'chicken was cold when it arrived, a bit disappointing', 'not impressed with the portion size', 'my flight was delayed two hours, any chance of a voucher?',
      'the queue at security was awful today', 'the burger was greasy and the chips were soggy', 'the room was small and noisy', 'customer service took ages to answer',
      'leaving a five star review for the crew', 'I am leaving for the airport now, is the flight on time?', 'just left the store, the staff were lovely', 'do you leave parcels with neighbours?',
      'I am done with the setup, the router works now', 'done with my shopping, great prices today', 'we switched the lights off in the room before checkout', 'how do I switch to paperless billing?',
      'cancelled my order by mistake, can you restore it?', 'closing time on sunday?', 'my account closing date for the ISA?', 'the lawyers in the office love your lunch deals',
      'is there a legal limit on cabin bags?', 'court seats at the basketball game through your app?', 'Sue at the desk was so helpful', 'great to see you in the news for the charity work',
      'the journalist on the radio praised your new route', 'press the button twice to reset the router', 'I pressed the wrong button and paid twice, can you help?', 'media player on the tv in the room is great',
      'saw the report on the new stadium deal, exciting', 'reporting for duty at the store, first day', 'the safety briefing was fun', 'hospital staff discount still running?',
      'the fire pit at the hotel was lovely', 'this dessert is to die for', 'killer prices this weekend', 'the chilli was dangerously good',
      'avoid the car park at the front, the back one is free', 'stay away from the tourist menu, the specials are better', 'we boycotted the rain and went anyway 😂', 'do not miss the new flavour',
      'please share the wifi password', 'can you share the receipt by email?', 'share your feedback in the survey and win', 'retweet to enter the giveaway',
      'the ombudsman page on your site was helpful, but it is sorted now', 'do you follow the new regulation on cabin bags?', 'you can contact the regulator if our answer does not help, we are sorry',
      'we are sorry to hear this, please DM us so we can look into it', 'our team is investigating, please share your order number by DM', 'my son is a reporter, he loved the tour',
    ],
  },
  pl: {
    cues: {
      leave: [
        'po tym wszystkim zmieniam bank', 'więcej mnie tu nie zobaczycie', 'zrezygnowałem z karty i konta', 'idę do innej przychodni',
        'umowę wypowiedziałam jeszcze dziś', 'następnym razem lecę inną linią', 'to koniec mojej lojalności', 'już od was odeszłam',
        'zmieniłam dostawcę prądu, nie żałuję', 'przeniosę abonament do konkurencji', 'więcej nie zamówię z tej restauracji', 'od jutra kupuję w innym sklepie',
        'straciliście mnie jako klienta', 'po piętnastu latach kończę z wami', 'anulowałem polecenie zapłaty', 'przenoszę firmę do innego dostawcy',
        'od dzisiaj robię zakupy gdzie indziej', 'nie odnowię subskrypcji', 'rezygnuję z członkostwa', 'więcej u was nie zamówię',
        'więcej waszymi liniami nie lecę', 'nie zatrzymam się już w waszym hotelu', 'zapłaciłem karę za zerwanie umowy, byle od was uciec', 'wypisuję się ze wszystkiego',
        'idę tam, gdzie klient się liczy', 'poprosiłem o zamknięcie rachunku', 'od jutra jestem klientem konkurencji', 'gratulacje, właśnie straciliście wiernego klienta',
      ],
      legal: [
        'widzimy się w sądzie', 'złożyłem pozew przez internet', 'adwokat mówi, że mam mocną sprawę', 'sprawa o odszkodowanie trafi do sądu', 'pełnomocnik wyśle wam wezwanie',
        'sprawę przejęła kancelaria', 'adwokat przygotowuje pismo', 'czekajcie na pismo od prawnika', 'wystąpię na drogę sądową', 'macie tydzień, potem sąd',
        'konsultuję się z adwokatem w sprawie opłat', 'wniosę sprawę do sądu', 'zażądam odszkodowania w sądzie', 'kancelaria odszkodowawcza bierze moją sprawę', 'pozew już w przygotowaniu',
      ],
      regulator: [
        'zgłoszenie do UOKiK wysłane', 'Rzecznik Finansowy dostał moją skargę', 'poskarżę się do rzecznika konsumentów w powiecie', 'sanepid przyjdzie na kontrolę',
        'zgłosiłem to do urzędu regulacji energetyki', 'Urząd Ochrony Danych Osobowych dostanie zgłoszenie', 'inspekcja handlowa ma już moje paragony', 'powiadomiłam Państwową Inspekcję Pracy',
      ],
      press: [
        'lokalna gazeta chce ze mną rozmawiać', 'wysłałem zdjęcia do telewizji', 'reporterka pisze o odwołanych lotach', 'to będzie na pierwszej stronie',
        'dziennikarka z gazety już oddzwoniła', 'lokalne radio zrobi o tym materiał', 'telewizja przyjedzie nagrać reportaż', 'wysłałem zdjęcia do portalu informacyjnego',
        'redakcja obiecała artykuł', 'nagrywam relację na Instagram', 'cały internet się o tym dowie', 'reportaż o was pojawi się w weekend', 'media już wiedzą',
        'udzieliłam wywiadu o waszej obsłudze',
      ],
      safety: [
        'dziecko dostało porażenia od suszarki', 'w pościeli hotelowej była igła', 'cała rodzina się rozchorowała po kolacji', 'opona odpadła na autostradzie',
        'apteka wydała mamie złe leki', 'w chlebie były odchody myszy', 'fotelik dla dziecka nie był przypięty', 'szyba w piekarniku pękła',
        'ładowarka się stopiła i przypaliła blat', 'musiałem mieć szwy po upadku w sklepie', 'wyjście ewakuacyjne zamknięte na łańcuch', 'pas bezpieczeństwa się nie zapina',
        'czuć gaz, a obsługa nic nie robi', 'poparzyłam się kawą przez wadliwą pokrywkę', 'koło hulajnogi odpadło w czasie jazdy', 'trafiłem na SOR po waszym obiedzie',
        'przewód pod napięciem wystaje ze ściany', 'czajnik iskrzy', 'woda z kranu była brązowa i dzieci się pochorowały', 'winda zamknęła się na dziecku',
        'szklana półka pękła i pocięła córkę', 'pies się rozchorował po waszej karmie', 'balustrada na balkonie się rusza',
      ],
      boycott: [
        'proszę, nie rezerwujcie u nich', 'nie ufajcie im z weselem', 'nie zapisujcie dzieci do tego klubu', 'przestańmy u nich kupować, dopóki się nie zmienią',
        'apeluję do wszystkich: nie korzystajcie z nich', 'zróbcie sobie przysługę i idźcie gdzie indziej', 'nie zamawiajcie tam, naprawdę', 'nie zapisujcie tam dzieci',
        'cała okolica przestała tam kupować, dołączcie', 'nie ufajcie im', 'szkoda waszych pieniędzy na tę firmę', 'nikomu nie polecam i wszystkich ostrzegam',
      ],
      amplify: [
        'puśćcie to dalej', 'jak będzie dużo udostępnień, może zareagują', 'rozsyłajcie to znajomym', 'udostępnijcie, żeby prezes to zobaczył', 'oznaczajcie znajomych, którzy są ich klientami',
        'dajcie to wyżej', 'niech to się rozniesie',
      ],
    },
    lookalikes: [
      'uwielbiam latać z wami, do zobaczenia w maju', 'cieszę się, że przeszłam do was w zeszłym roku', 'pierwszy raz zamawiam, co polecacie?', 'na pewno jeszcze wrócę na obiad',
      'mięso było trochę suche, ale obsługa miła', 'kurczak przyszedł zimny, trochę szkoda', 'porcja mała jak na tę cenę', 'lot opóźniony o dwie godziny, czy należy się voucher?',
      'kolejka do lekarza była bardzo długa', 'pokój był mały i głośny', 'infolinia długo nie odbierała', 'lekarz był niemiły, ale skuteczny',
      'zostawiam opinię dla kuriera, super', 'wychodzę już na lotnisko, lot na czas?', 'rezygnuję z cukru w kawie, macie mleko owsiane?', 'odchodzę od kasy zadowolona',
      'zgłaszam chęć udziału w konkursie', 'zgłaszam zmianę adresu dostawy', 'prawnicy z naszego biura uwielbiają wasze lunche', 'czy jest limit prawny bagażu podręcznego?',
      'czytałam w gazecie o waszej akcji charytatywnej, brawo', 'dziennikarz w radiu chwalił nowe połączenie', 'biuro prasowe zaprasza na konferencję', 'wciśnij przycisk, żeby zresetować router',
      'ten deser jest zabójczy 😍', 'omijajcie parking z przodu, z tyłu jest darmowy', 'udostępnijcie hasło do wifi?', 'udostępnij opinię w ankiecie i wygraj',
      'przepraszamy, prosimy o numer zamówienia w wiadomości', 'w razie braku satysfakcji można zwrócić się do rzecznika konsumentów', 'nigdy więcej nie zamówię tak dużej pizzy, nie dałam rady 😂', 'straciłam kartę, jak ją zablokować?',
    ],
  },
  zh: {
    cues: {
      leave: [
        '以后去别家买', '这家店我不会再来了', '卡已经注销了，再见', '下次坐高铁也不坐你们的飞机', '合约到期就转走', '全家都换到别的运营商了', '会员卡退了', '我决定不再在你们这儿存钱',
        '你们彻底失去我这个客户了', '十五年老客户，就此别过', '自动扣款已经取消了', '下个季度我们单位就换掉你们的软件', '以后去楼下小店买',
        '会员不续了，再见', '以后再也不坐你们航空公司的飞机', '再也不住你们酒店了', '交了违约金也要走', '账户已经申请注销', '明天就去竞争对手那边办',
        '恭喜你们失去一个老顾客', '这家外卖这辈子不会再点了', '转去用别的快递了',
      ],
      legal: [
        '这件事我交给代理律师了', '律师函这周就到', '诉状已经准备好了', '法院立案材料交上去了', '我们会要求赔偿，律师已经在办', '不给说法就起诉', '准备申请仲裁', '维权到底，法庭见',
      ],
      regulator: [
        '让监管部门来查你们', '已经向市场监管部门举报了', '12315已经受理了', '消费者协会那边已经受理我的投诉', '给民航局写了投诉信', '向金融监管总局投诉', '报给卫生监督所了', '投诉到通信管理局',
      ],
      press: [
        '本地报纸要采访我', '电视台那边收到我的照片了', '这件事会上头版',
        '本地报社的记者已经联系我了', '电视台明天来拍', '已经接受了采访', '新闻热线那边说会报道', '准备把视频发到网上曝光', '全网都会知道这件事', '我要让媒体来评评理', '发到微博上让大家看看',
      ],
      safety: [
        '孩子被烘手机电到了', '酒店床上发现针头', '一桌人吃完都不舒服', '轮胎在高速上松了', '药店给我妈拿错了药', '面包上有老鼠屎', '儿童座椅没固定好', '烤箱门炸裂了',
        '充电器熔化把桌子烧黑了', '在店里摔倒缝了针', '安全出口被锁死了', '安全带扣不上', '车站有煤气味没人管', '被咖啡烫伤了', '滑板车轮子断了我摔了出去',
        '吃完进了急诊', '热水器漏电', '墙上露着带电的电线', '自来水是黄的，孩子喝了生病', '电梯门夹到孩子', '宠物吃了你们的零食生病了', '阳台栏杆松了', '司机在学校附近开得太快',
      ],
      boycott: [
        '请大家别在他们家订婚宴', '劝大家别给孩子报这个班', '大家别再买他们家东西了', '千万别信他们',
        '奉劝大家千万别在这家办卡', '家长们千万别给孩子报这家', '劝身边所有朋友别用', '整个小区都不在他家买了', '别给这种店送钱', '大家绕道走', '不值得，去别家吧',
      ],
      amplify: ['遇到过同样情况的朋友请帮忙转', '大家帮忙传一传', '转发让他们老板看到', '点赞转发让他们回应', '帮我顶一下', '一起转发扩散', '请大家转给身边的人',
        '请大家帮忙转发，让他们重视', '转给身边用这家银行的朋友', '点个转发，谢谢大家', '帮忙扩散，别让更多人上当',
      ],
    },
    lookalikes: [
      '肥肉太多了，不好吃', '鸡块炸得太干，咬不动', '肉太少了，都是配菜', '味道一般，比店里吃差一点', '米饭有点硬，下次希望改进', '送来的时候有点凉了',
      '外卖价格比堂食还划算', '味道很棒，下次还点', '第一次住这家，服务不错', '老顾客了，一直很满意', '房间有点小，隔音一般', '客服回复有点慢',
      '排骨太咸了', '菜量少，价格偏贵', '饮料洒了一点，包装可以加强',
      '给快递小哥好评', '准备去机场了，航班准点吗？', '退出登录怎么操作？', '我不是要投诉，只是问问', '律师事务所的同事都爱你们的午餐', '随身行李有法律规定的限制吗？',
      '报纸登了你们做公益的事，点赞', '电台主持人夸了你们的新航线', '按两下按钮就能重置路由器', '这个甜品好吃到爆炸', '避开前面的停车场，后面的免费',
      '分享一下无线密码？', '参加了你们的转发抽奖活动，求好运', '非常抱歉，请私信订单号', '对结果有疑问也可以联系消协，我们很抱歉', '再也不点这么大的披萨了，吃不完😂',
      '银行卡丢了怎么挂失？', '医院门口那家店的奶茶很好喝', '记者节快乐', '监管新规出来后价格会变吗？',
    ],
  },
};

/**
 * Sentences the escalation corpus borrows from the sentiment corpus (parts-*.ts: complaints,
 * reviews, chatter) are taken as carrying no cue. These few do carry one, or are unclear, read by
 * hand: a cue type list labels the sentence (and any post built around it); null leaves it out.
 */
export const BORROWED: Record<'en' | 'pl' | 'zh', Record<string, (keyof Cues)[] | null>> = {
  en: {
    'got food poisoning after eating there': ['safety'],
    'there were cockroaches in the kitchen': ['safety'],
    'found a hair in my meal': null,
    'the bathroom smelled of mould': null,
    'still being charged after closing my account': null,
  },
  pl: {
    'Nigdy więcej tam nie pójdę': ['leave'],
    'Zdecydowanie odradzam': ['boycott'],
    'Nie polecam tej przychodni': null,
  },
  zh: {
    '肉没熟，根本没法吃': ['safety'],
    '卫生间有霉味，还有蟑螂': ['safety'],
    '性价比太低，不会再来': ['leave'],
    '太难吃了，再也不点了': ['leave'],
    '不新鲜，吃了拉肚子': ['safety'],
    '非常失望，不推荐入住': null,
  },
};
