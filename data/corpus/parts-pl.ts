/** Hand-written parts of the Polish corpus (written for Backlash): service complaints and reviews. */
export const BRANDS = ['@SzybkaPaczka', '@BankPółnocny', '@TelekomJeden', '@EnergiaMiasto', '@KolejPlus', '@SklepDom', '@PrzychodniaZdrowie'];

export const COMPLAINTS: Record<string, string[]> = {
  billing: ['pobraliście opłatę dwa razy za ten sam rachunek', 'faktura znowu jest błędna', 'naliczyliście ukryte opłaty bez informacji', 'abonament podrożał bez żadnego uprzedzenia', 'obciążyliście moje konto za usługę, której nie zamawiałem'],
  refunds: ['nadal czekam na zwrot pieniędzy od {n} tygodni', 'reklamacja uznana, a pieniędzy dalej brak', 'odmówiliście zwrotu za wadliwy produkt', 'gdzie jest mój zwrot, minął już miesiąc'],
  delivery: ['paczka miała być wczoraj, a nadal jej nie ma', 'kurier nawet nie zadzwonił, zostawił awizo', 'przesyłka nie dotarła po {n} dniach', 'paczka przyszła otwarta i pusta w połowie', 'zamówienie doręczone pod zły adres', 'status doręczona, a paczki brak'],
  outage: ['od rana nie działa internet', 'brak prądu już {n} godzin i zero informacji', 'aplikacja znowu nie działa', 'strona wywala błąd przy płatności', 'brak zasięgu w całej okolicy'],
  'staff-behaviour': ['konsultantka była bardzo niemiła i opryskliwa', 'pani w okienku zachowywała się arogancko', 'kierownik wyśmiał moją reklamację', 'pracownik potraktował mnie jak intruza', 'pani w rejestracji krzyczała na starszą osobę'],
  'product-defect': ['czajnik przestał działać po tygodniu', 'telefon przyszedł z pękniętym ekranem', 'kurtka rozpadła się po pierwszym praniu', 'lodówka cieknie od pierwszego dnia', 'dostałem zły rozmiar i uszkodzone pudełko'],
  'waiting-time': ['czekam na infolinii już {n} minut', 'kolejka w oddziale na dwie godziny', 'pociąg znowu spóźniony o {n} minut', 'na wizytę czekałam ponad godzinę mimo zapisu', 'wciąż czekam na oddzwonienie'],
  'broken-promise': ['obiecaliście oddzwonić w poniedziałek i nikt nie zadzwonił', 'miało być naprawione w 24 godziny, minął tydzień', 'technik miał przyjść dzisiaj i nie przyszedł', 'obiecana rekompensata nigdy nie przyszła'],
  cancellation: ['odwołaliście mój pociąg bez żadnej informacji', 'anulowano moje zamówienie bez wyjaśnienia', 'wizyta odwołana w ostatniej chwili'],
  'phone-support': ['nikt nie odbiera telefonu na infolinii', 'dzwoniłam {n} razy i za każdym razem mnie rozłączyło', 'brak odpowiedzi na maila od tygodnia', 'konsultant przełączał mnie pięć razy'],
  'account-access': ['nie mogę się zalogować od {n} dni', 'zablokowaliście mi kartę bez powodu', 'ktoś włamał się na moje konto, a wy nic nie robicie'],
  'atm-kiosk': ['bankomat wciągnął mi kartę', 'biletomat znowu nie działa'],
  'sms-notifications': ['przestańcie wysyłać mi spam smsami', 'kod sms do logowania nie przychodzi'],
  pricing: ['ceny znowu w górę, a jakość coraz gorsza', 'za drogo jak na taką obsługę'],
};
export const COMPLAINT_CLOSERS = ['', '.', '!', '!!', ' 😡', '. Skandal', '. Masakra', '. Żenada', '. Nie polecam', '. Co się dzieje?', '. Ile można czekać?', '. Proszę o pilną odpowiedź', '. Jestem bardzo rozczarowany', '. Dramat', '. Kpina'];
export const ESCALATIONS = ['zmieniam operatora', 'sprawa trafi do rzecznika praw konsumenta', 'mój prawnik się tym zajmie', 'udostępnijcie, niech wszyscy wiedzą', 'zgłoszę to do UOKiK'];

/** reviews of doctors and clinics, per sentiment (sentence level) */
export const REVIEWS: Record<'negative' | 'neutral' | 'positive', string[]> = {
  positive: [
    'Bardzo miła i kompetentna pani doktor', 'Lekarz z ogromną wiedzą i podejściem do pacjenta', 'Polecam z całego serca', 'Wszystko dokładnie wytłumaczył',
    'Pani doktor poświęciła mi dużo czasu i wysłuchała', 'Profesjonalna obsługa i miła atmosfera', 'Po wizycie poczułam ogromną ulgę', 'Wreszcie trafiłam na dobrego specjalistę',
    'Dziękuję za cierpliwość i zrozumienie', 'Zabieg przebiegł bezboleśnie', 'Świetny fachowiec, godny polecenia', 'Lekarz bardzo rzeczowy i konkretny',
    'Rejestracja sprawna, bez czekania', 'Pielęgniarki bardzo życzliwe', 'Dzięki niemu wróciłem do zdrowia', 'Najlepszy ortopeda, u jakiego byłam',
    'Pan doktor jest bardzo kulturalny i taktowny', 'Diagnoza trafna, leczenie skuteczne', 'Gabinet czysty i nowoczesny', 'Jestem bardzo zadowolona z wizyty',
  ],
  negative: [
    'Lekarz był opryskliwy i w ogóle nie słuchał', 'Nie polecam tej przychodni', 'Wizyta trwała pięć minut i nic nie wyjaśnił', 'Strata czasu i pieniędzy',
    'Pani doktor zbagatelizowała moje objawy', 'Zostałam potraktowana jak intruz', 'Po leczeniu było tylko gorzej', 'Brak jakiejkolwiek empatii',
    'Nawet mnie nie zbadał', 'Arogancki i niekompetentny lekarz', 'Rejestratorka była bardzo niemiła', 'Błędna diagnoza i źle dobrane leki',
    'Czekałam dwie godziny mimo umówionej wizyty', 'Zdecydowanie odradzam', 'Drogo i bez efektu', 'Lekarz patrzył tylko w komputer',
    'Nikt nie odbiera telefonu w rejestracji', 'Czułam się zlekceważona', 'Nigdy więcej tam nie pójdę', 'Obsługa na bardzo niskim poziomie',
  ],
  neutral: [
    'Wizyta trwała około dwudziestu minut', 'Lekarz zlecił badanie krwi i USG', 'Byłam na wizycie w zeszłym tygodniu', 'Gabinet znajduje się na drugim piętrze',
    'Na wizytę zapisałam się przez internet', 'Dostałam skierowanie do specjalisty', 'Przyszłam z bólem kolana', 'Wizyta była prywatna',
    'Pani doktor przyjmuje we wtorki i czwartki', 'Leczę się tam od dwóch lat', 'Lekarz przepisał antybiotyk na tydzień', 'Kontrola jest za miesiąc',
    'Zabieg wykonano w znieczuleniu miejscowym', 'Moim problemem była alergia', 'Przychodnia ma parking dla pacjentów', 'Wynik badania odbiorę w piątek',
    'Syn był u tego lekarza dwa razy', 'Wizyta kosztowała 200 zł', 'Lekarz pracuje też w szpitalu', 'Trzeba mieć ze sobą dowód osobisty',
  ],
};
export const QUESTIONS = ['czy mogę zmienić termin dostawy?', 'o której otwieracie oddział w sobotę?', 'czy jest możliwość zwrotu w sklepie stacjonarnym?', 'jak zmienić adres w aplikacji?', 'czy oferta jest jeszcze aktualna?', 'gdzie znajdę fakturę za ostatni miesiąc?', 'czy dowozicie do Gdańska?', 'jak dodać drugą kartę do konta?'];
export const PRAISE = ['dziękuję za szybką pomoc, wszystko działa', 'paczka przyszła dzień wcześniej, super', 'konsultant bardzo pomocny, polecam', 'zwrot pieniędzy w dwa dni, brawo', 'świetna obsługa w oddziale na Długiej', 'nowa aplikacja jest rewelacyjna'];
export const CONTRAST: { text: string; sentiment: 'negative' | 'positive'; complaint: boolean }[] = [
  { text: 'Miła pani, ale zupełnie nie pomogła', sentiment: 'negative', complaint: true },
  { text: 'Długo czekałam, ale lekarz był wspaniały', sentiment: 'positive', complaint: false },
  { text: 'Drogo, ale warto', sentiment: 'positive', complaint: false },
  { text: 'Ładny gabinet, jednak lekarz niekompetentny', sentiment: 'negative', complaint: true },
  { text: 'Chociaż kolejka była długa, obsługa była bardzo miła', sentiment: 'positive', complaint: false },
];
