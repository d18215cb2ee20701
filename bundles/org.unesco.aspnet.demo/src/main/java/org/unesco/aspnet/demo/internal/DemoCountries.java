package org.unesco.aspnet.demo.internal;

import java.util.Arrays;
import java.util.List;
import org.unesco.aspnet.membership.Level;

/**
 * The small per-country lists the demo schools are drawn from: 40 countries, eight in each UNESCO
 * region (as in the membership module's reference/unesco-regions.csv), with real cities and their
 * coordinates, the usual school names of the country in its language and script, and streets.
 *
 * <p>In a name form, {@code {n}} is a name of the list, {@code {c}} the city as written locally and
 * {@code {k}} a small number; the letters before the colon are the levels (E pre-primary, P
 * primary, S secondary, T TVET, K teacher training).
 */
final class DemoCountries {
  static final String AFRICA = "Africa";
  static final String ARAB_STATES = "Arab States";
  static final String ASIA_PACIFIC = "Asia and the Pacific";
  static final String EUROPE_NORTH_AMERICA = "Europe and North America";
  static final String LATIN_AMERICA_CARIBBEAN = "Latin America and the Caribbean";

  static final List<String> REGIONS =
      List.of(AFRICA, ARAB_STATES, ASIA_PACIFIC, EUROPE_NORTH_AMERICA, LATIN_AMERICA_CARIBBEAN);

  /** A city: {@code name} for the profile, {@code local} as it appears in school names. */
  record City(String name, String local, double latitude, double longitude) {}

  /** A way schools of the country are named, with the levels such a school offers. */
  record NameForm(String template, List<Level> levels) {}

  record Country(
      String iso2,
      String name,
      String region,
      int schools,
      List<String> languages,
      List<City> cities,
      List<NameForm> forms,
      List<String> names,
      List<String> streets) {}

  private DemoCountries() {}

  static final List<Country> ALL =
      List.of(
          // ---------------------------------------------------------------- Europe and North America
          country("FR", "France", EUROPE_NORTH_AMERICA, 11, "fr",
              cities("Paris@48.8566,2.3522", "Lyon@45.7640,4.8357", "Marseille@43.2965,5.3698",
                  "Lille@50.6292,3.0573", "Bordeaux@44.8378,-0.5792", "Strasbourg@48.5734,7.7521"),
              forms("S:Lycée {n}", "S:Collège {n}", "P:École élémentaire {n}", "T:Lycée professionnel {n}",
                  "EP:École primaire {n}"),
              names("Victor Hugo", "Jean Moulin", "Marie Curie", "Jules Ferry", "Simone Veil", "Albert Camus",
                  "Louise Michel", "George Sand", "Condorcet", "Montesquieu"),
              streets("# rue de la République", "# avenue Jean Jaurès", "# boulevard Pasteur", "# rue des Écoles")),
          country("DE", "Germany", EUROPE_NORTH_AMERICA, 11, "de",
              cities("Berlin@52.5200,13.4050", "München@48.1351,11.5820", "Hamburg@53.5511,9.9937",
                  "Köln@50.9375,6.9603", "Frankfurt am Main@50.1109,8.6821", "Leipzig@51.3397,12.3731"),
              forms("S:{n}-Gymnasium", "S:{n}-Gesamtschule", "P:{n}-Grundschule", "T:Berufsbildende Schule {c}",
                  "S:Gymnasium am Stadtpark", "S:{n}-Realschule"),
              names("Goethe", "Schiller", "Humboldt", "Lessing", "Heinrich-Heine", "Anne-Frank", "Sophie-Scholl",
                  "Albert-Einstein", "Käthe-Kollwitz"),
              streets("Schillerstraße #", "Hauptstraße #", "Am Markt #", "Schulweg #")),
          country("IT", "Italy", EUROPE_NORTH_AMERICA, 9, "it",
              cities("Roma@41.9028,12.4964", "Milano@45.4642,9.1900", "Napoli@40.8518,14.2681",
                  "Torino@45.0703,7.6869", "Firenze@43.7696,11.2558", "Bologna@44.4949,11.3426"),
              forms("S:Liceo Classico {n}", "S:Liceo Scientifico {n}", "P:Scuola Primaria {n}",
                  "T:Istituto Tecnico {n}", "PS:Istituto Comprensivo {n}"),
              names("Dante Alighieri", "Galileo Galilei", "Alessandro Manzoni", "Maria Montessori",
                  "Leonardo da Vinci", "Giuseppe Garibaldi", "Enrico Fermi", "Grazia Deledda"),
              streets("Via Roma, #", "Via Garibaldi, #", "Corso Italia, #", "Via della Scuola, #")),
          country("ES", "Spain", EUROPE_NORTH_AMERICA, 9, "es",
              cities("Madrid@40.4168,-3.7038", "Barcelona@41.3874,2.1686", "Sevilla@37.3891,-5.9845",
                  "Valencia@39.4699,-0.3763", "Bilbao@43.2630,-2.9350", "Granada@37.1773,-3.5986"),
              forms("S:IES {n}", "EP:CEIP {n}", "PS:Colegio {n}", "T:Centro Integrado de Formación Profesional {n}"),
              names("Miguel de Cervantes", "Antonio Machado", "Federico García Lorca", "Rosalía de Castro",
                  "Clara Campoamor", "Ramón y Cajal", "María Zambrano", "Gloria Fuertes"),
              streets("Calle Mayor, #", "Avenida de la Constitución, #", "Calle del Sol, #", "Plaza de España, #")),
          country("GB", "United Kingdom", EUROPE_NORTH_AMERICA, 7, "en",
              cities("London@51.5074,-0.1278", "Manchester@53.4808,-2.2426", "Birmingham@52.4862,-1.8904",
                  "Edinburgh@55.9533,-3.1883", "Cardiff@51.4816,-3.1791", "Bristol@51.4545,-2.5879"),
              forms("S:{n} Academy", "S:{n} High School", "P:{n} Primary School", "E:{n} Nursery School",
                  "T:{c} College"),
              names("St Mary's", "Oakwood", "Riverside", "Kingsway", "Westfield", "Queen Elizabeth", "Hillcrest",
                  "Greenfield"),
              streets("# High Street", "# Church Road", "# Park Lane", "# School Lane")),
          country("SE", "Sweden", EUROPE_NORTH_AMERICA, 6, "sv",
              cities("Stockholm@59.3293,18.0686", "Göteborg@57.7089,11.9746", "Malmö@55.6050,13.0038",
                  "Uppsala@59.8586,17.6389", "Umeå@63.8258,20.2630"),
              forms("S:{n}gymnasiet", "P:{n}skolan", "T:{c} yrkesgymnasium"),
              names("Björk", "Ekbacke", "Lind", "Sjöstads", "Solberga", "Tallbacka", "Kungsholms", "Hvitfeldtska"),
              streets("Skolgatan #", "Storgatan #", "Kungsgatan #")),
          country("PL", "Poland", EUROPE_NORTH_AMERICA, 8, "pl",
              cities("Warszawa@52.2297,21.0122", "Kraków@50.0647,19.9450", "Gdańsk@54.3520,18.6466",
                  "Wrocław@51.1079,17.0385", "Poznań@52.4064,16.9252", "Łódź@51.7592,19.4560"),
              forms("S:Liceum Ogólnokształcące im. {n}", "P:Szkoła Podstawowa im. {n}", "T:Technikum im. {n}",
                  "E:Przedszkole im. {n}"),
              names("Mikołaja Kopernika", "Marii Skłodowskiej-Curie", "Adama Mickiewicza", "Fryderyka Chopina",
                  "Juliusza Słowackiego", "Henryka Sienkiewicza", "Wisławy Szymborskiej"),
              streets("ul. Mickiewicza #", "ul. Szkolna #", "ul. Długa #")),
          country("CA", "Canada", EUROPE_NORTH_AMERICA, 8, "en,fr",
              cities("Toronto@43.6532,-79.3832", "Montréal@45.5019,-73.5674", "Vancouver@49.2827,-123.1207",
                  "Ottawa@45.4215,-75.6972", "Québec@46.8139,-71.2080", "Winnipeg@49.8951,-97.1384"),
              forms("S:{n} Secondary School", "P:{n} Elementary School", "S:École secondaire {n}",
                  "P:École primaire {n}", "S:{n} Collegiate Institute"),
              names("Terry Fox", "Lester B. Pearson", "Emily Carr", "Louis-Riel", "Gabrielle-Roy",
                  "Marguerite-Bourgeoys", "Laura Secord", "Champlain"),
              streets("# King Street", "# rue Saint-Denis", "# Maple Avenue", "# boulevard René-Lévesque")),

          // ---------------------------------------------------------------- Africa
          country("KE", "Kenya", AFRICA, 9, "en,sw",
              cities("Nairobi@-1.2921,36.8219", "Mombasa@-4.0435,39.6682", "Kisumu@-0.0917,34.7680",
                  "Nakuru@-0.3031,36.0800", "Eldoret@0.5143,35.2698"),
              forms("S:{n} High School", "S:{n} Girls' High School", "P:{n} Primary School",
                  "T:{n} Technical Training Institute", "K:{c} Teachers Training College"),
              names("Jamhuri", "Uhuru", "Starehe", "Kilimani", "Nyali", "Upper Hill", "Highway", "Mama Ngina"),
              streets("P.O. Box #", "# Moi Avenue", "# Kenyatta Avenue")),
          country("NG", "Nigeria", AFRICA, 9, "en,yo,ha,ig",
              cities("Lagos@6.5244,3.3792", "Abuja@9.0765,7.3986", "Kano@12.0022,8.5920", "Ibadan@7.3775,3.9470",
                  "Enugu@6.4584,7.5464", "Port Harcourt@4.8156,7.0498"),
              forms("S:{n} Secondary School", "S:Federal Government College {c}", "EP:{n} Nursery and Primary School",
                  "S:{n} Model College", "T:Government Technical College {c}"),
              names("Unity", "Command", "Corona", "Greensprings", "Chrisland", "Kings", "Queens", "Federal Science"),
              streets("# Broad Street", "# Herbert Macaulay Way", "P.M.B. #")),
          country("GH", "Ghana", AFRICA, 7, "en",
              cities("Accra@5.6037,-0.1870", "Kumasi@6.6885,-1.6244", "Tamale@9.4008,-0.8393",
                  "Cape Coast@5.1053,-1.2466", "Takoradi@4.8845,-1.7554"),
              forms("S:{n} Senior High School", "P:{n} Basic School", "T:{n} Technical Institute",
                  "K:{n} College of Education"),
              names("Achimota", "Wesley Girls", "Mfantsipim", "Adisadel", "Prempeh", "Aburi", "Okuapeman",
                  "Ghana National"),
              streets("P.O. Box #", "# Independence Avenue")),
          country("SN", "Senegal", AFRICA, 7, "fr,wo",
              cities("Dakar@14.7167,-17.4677", "Saint-Louis@16.0179,-16.4896", "Thiès@14.7910,-16.9359",
                  "Ziguinchor@12.5681,-16.2719", "Kaolack@14.1652,-16.0726"),
              forms("S:Lycée {n}", "S:CEM {n}", "P:École élémentaire {n}", "T:Lycée technique {n}"),
              names("Blaise Diagne", "Lamine Guèye", "Mariama Bâ", "Cheikh Anta Diop", "Léopold Sédar Senghor",
                  "Ousmane Sembène", "Birago Diop", "Seydina Limamou Laye"),
              streets("# avenue Cheikh Anta Diop", "BP #", "# rue Carnot")),
          country("ZA", "South Africa", AFRICA, 8, "en,af,zu,xh",
              cities("Johannesburg@-26.2041,28.0473", "Cape Town@-33.9249,18.4241", "Durban@-29.8587,31.0218",
                  "Pretoria@-25.7479,28.2293", "Gqeberha@-33.9608,25.6022"),
              forms("S:{n} High School", "P:{n} Primary School", "S:Hoërskool {n}", "T:{n} TVET College"),
              names("Nelson Mandela", "Oliver Tambo", "Sizwe", "Thandokuhle", "Protea", "Jacaranda", "Fountain",
                  "Sunnyside"),
              streets("# Main Road", "# Church Street", "# Jan Smuts Avenue")),
          country("ET", "Ethiopia", AFRICA, 6, "am,en",
              cities("Addis Ababa/አዲስ አበባ@9.0300,38.7400", "Bahir Dar/ባሕር ዳር@11.5742,37.3614",
                  "Hawassa/ሀዋሳ@7.0621,38.4764", "Mekelle/መቀሌ@13.4969,39.4769", "Dire Dawa/ድሬ ዳዋ@9.6009,41.8501"),
              forms("S:{n} ሁለተኛ ደረጃ ትምህርት ቤት", "P:{n} አንደኛ ደረጃ ትምህርት ቤት", "S:{c} ሁለተኛ ደረጃ ትምህርት ቤት"),
              names("ምኒልክ", "እንጦጦ", "ጣይቱ", "ኮከበ ጽባሕ", "አበበ ቢቂላ", "ሰላም"),
              streets("P.O. Box #", "Kebele #")),
          country("CM", "Cameroon", AFRICA, 7, "fr,en",
              cities("Yaoundé@3.8480,11.5021", "Douala@4.0511,9.7679", "Bamenda@5.9597,10.1459",
                  "Garoua@9.3014,13.3977", "Bafoussam@5.4781,10.4176"),
              forms("S:Lycée {n}", "S:Collège {n}", "S:Government Bilingual High School {c}", "P:École publique {n}"),
              names("Général Leclerc", "de Nkol-Eton", "Joss", "Vogt", "de la Retraite", "Bilingue d'Essos",
                  "Libermann", "de New-Bell"),
              streets("BP #", "# rue de Nachtigal")),
          country("TZ", "United Republic of Tanzania", AFRICA, 6, "sw,en",
              cities("Dar es Salaam@-6.7924,39.2083", "Dodoma@-6.1630,35.7516", "Arusha@-3.3869,36.6830",
                  "Mwanza@-2.5164,32.9175", "Zanzibar@-6.1659,39.2026"),
              forms("S:Shule ya Sekondari {n}", "P:Shule ya Msingi {n}", "T:Chuo cha Ufundi {n}",
                  "K:Chuo cha Ualimu {c}"),
              names("Azania", "Jangwani", "Kibasila", "Mzumbe", "Tambaza", "Uhuru", "Mlimani", "Kisutu"),
              streets("S.L.P. #", "# Barabara ya Uhuru")),

          // ---------------------------------------------------------------- Arab States
          country("EG", "Egypt", ARAB_STATES, 10, "ar,en",
              cities("Cairo/القاهرة@30.0444,31.2357", "Alexandria/الإسكندرية@31.2001,29.9187",
                  "Giza/الجيزة@30.0131,31.2089", "Aswan/أسوان@24.0889,32.8998", "Mansoura/المنصورة@31.0409,31.3785",
                  "Luxor/الأقصر@25.6872,32.6396"),
              forms("S:مدرسة {n} الثانوية", "P:مدرسة {n} الابتدائية", "S:مدرسة {n} الإعدادية",
                  "T:مدرسة {n} الثانوية الصناعية"),
              names("النور", "الأمل", "طه حسين", "الحرية", "السلام", "المستقبل", "نفرتيتي", "أحمد شوقي"),
              streets("# شارع التحرير", "# شارع الجمهورية", "# شارع النيل")),
          country("MA", "Morocco", ARAB_STATES, 9, "ar,fr",
              cities("Rabat/الرباط@34.0209,-6.8416", "Casablanca/الدار البيضاء@33.5731,-7.5898",
                  "Fès/فاس@34.0181,-5.0078", "Marrakech/مراكش@31.6295,-7.9811", "Tanger/طنجة@35.7595,-5.8340",
                  "Agadir/أكادير@30.4278,-9.5981"),
              forms("S:ثانوية {n} التأهيلية", "S:إعدادية {n}", "P:مدرسة {n} الابتدائية"),
              names("ابن خلدون", "ابن رشد", "مولاي يوسف", "ابن بطوطة", "الخوارزمي", "علال الفاسي", "المنصور الذهبي"),
              streets("# شارع محمد الخامس", "# زنقة ابن سينا")),
          country("JO", "Jordan", ARAB_STATES, 8, "ar,en",
              cities("Amman/عمّان@31.9454,35.9284", "Irbid/إربد@32.5556,35.8500", "Zarqa/الزرقاء@32.0728,36.0880",
                  "Aqaba/العقبة@29.5321,35.0063", "Salt/السلط@32.0392,35.7272"),
              forms("S:مدرسة {n} الثانوية", "P:مدرسة {n} الأساسية", "T:مدرسة {n} المهنية"),
              names("ابن سينا", "الفارابي", "اليرموك", "البتراء", "الكرامة", "الزهراء", "رغدان", "الحسين"),
              streets("# شارع الملكة رانيا", "# شارع الجامعة")),
          country("LB", "Lebanon", ARAB_STATES, 7, "ar,fr,en",
              cities("Beirut/بيروت@33.8938,35.5018", "Tripoli/طرابلس@34.4367,35.8497", "Sidon/صيدا@33.5571,35.3729",
                  "Zahlé/زحلة@33.8463,35.9019", "Byblos/جبيل@34.1211,35.6481"),
              forms("S:ثانوية {n} الرسمية", "P:مدرسة {n} الابتدائية الرسمية", "S:Collège {n}"),
              names("جبران خليل جبران", "الأرز", "فخر الدين", "الأمير شكيب أرسلان", "صنين", "الفينيق"),
              streets("# شارع الحمراء", "# شارع بلس")),
          country("TN", "Tunisia", ARAB_STATES, 8, "ar,fr",
              cities("Tunis/تونس@36.8065,10.1815", "Sfax/صفاقس@34.7406,10.7603", "Sousse/سوسة@35.8256,10.6360",
                  "Kairouan/القيروان@35.6781,10.0963", "Bizerte/بنزرت@37.2744,9.8739"),
              forms("S:معهد {n}", "S:المدرسة الإعدادية {n}", "P:المدرسة الابتدائية {n}"),
              names("ابن خلدون", "أبو القاسم الشابي", "خير الدين", "الطاهر الحداد", "قرطاج", "علي البلهوان", "الصادقية"),
              streets("# نهج الحبيب بورقيبة", "# نهج الجمهورية")),
          country("SA", "Saudi Arabia", ARAB_STATES, 6, "ar",
              cities("Riyadh/الرياض@24.7136,46.6753", "Jeddah/جدة@21.4858,39.1925", "Dammam/الدمام@26.4207,50.0888",
                  "Medina/المدينة المنورة@24.5247,39.5692", "Abha/أبها@18.2164,42.5053"),
              forms("S:ثانوية {n}", "S:متوسطة {n}", "P:ابتدائية {n}", "T:الكلية التقنية ب{c}"),
              names("الفيصلية", "اليمامة", "الأندلس", "الرواد", "المعرفة", "الخليل بن أحمد", "الفلاح"),
              streets("ص.ب. #", "# طريق الملك فهد")),
          country("AE", "United Arab Emirates", ARAB_STATES, 6, "ar,en",
              cities("Abu Dhabi/أبوظبي@24.4539,54.3773", "Dubai/دبي@25.2048,55.2708", "Sharjah/الشارقة@25.3463,55.4209",
                  "Al Ain/العين@24.2075,55.7447", "Ras Al Khaimah/رأس الخيمة@25.8007,55.9762"),
              forms("S:مدرسة {n} للتعليم الثانوي", "P:مدرسة {n} للتعليم الأساسي"),
              names("الاتحاد", "المعارف", "الغد", "الريادة", "الشيماء", "الخليج", "الظفرة"),
              streets("ص.ب. #")),
          country("OM", "Oman", ARAB_STATES, 5, "ar",
              cities("Muscat/مسقط@23.5880,58.3829", "Salalah/صلالة@17.0151,54.0924", "Sohar/صحار@24.3643,56.7466",
                  "Nizwa/نزوى@22.9333,57.5333", "Sur/صور@22.5667,59.5289"),
              forms("S:مدرسة {n} للتعليم ما بعد الأساسي", "P:مدرسة {n} للتعليم الأساسي"),
              names("ابن دريد", "جابر بن زيد", "أحمد بن ماجد", "الخليل بن أحمد", "النهضة", "العامرات"),
              streets("ص.ب. #")),

          // ---------------------------------------------------------------- Asia and the Pacific
          country("JP", "Japan", ASIA_PACIFIC, 9, "ja",
              cities("Tokyo/東京@35.6762,139.6503", "Osaka/大阪@34.6937,135.5023", "Kyoto/京都@35.0116,135.7681",
                  "Sapporo/札幌@43.0618,141.3545", "Fukuoka/福岡@33.5904,130.4017", "Hiroshima/広島@34.3853,132.4553"),
              forms("S:{n}高等学校", "S:{c}{n}中学校", "P:{c}{n}小学校", "S:{c}学芸大学附属高等学校",
                  "T:{c}工業高等学校"),
              names("桜丘", "緑ヶ丘", "青葉", "若葉", "旭丘", "城北", "清水", "朝日"),
              streets("本町2丁目#番", "中央1丁目#番", "旭町3丁目#番")),
          country("IN", "India", ASIA_PACIFIC, 9, "hi,en",
              cities("New Delhi@28.6139,77.2090", "Mumbai@19.0760,72.8777", "Bengaluru@12.9716,77.5946",
                  "Kolkata@22.5726,88.3639", "Chennai@13.0827,80.2707", "Jaipur@26.9124,75.7873"),
              forms("S:{n} Public School", "PS:Kendriya Vidyalaya No. {k}, {c}", "S:Jawahar Navodaya Vidyalaya {c}",
                  "P:राजकीय प्राथमिक विद्यालय संख्या {k}", "S:राजकीय उच्चतर माध्यमिक विद्यालय संख्या {k}"),
              names("Delhi", "Modern", "St. Xavier's", "DAV", "Springdales", "Bal Bharati", "Sanskriti", "Loreto"),
              streets("# Mahatma Gandhi Road", "# Nehru Marg", "Sector #")),
          country("CN", "China", ASIA_PACIFIC, 8, "zh",
              cities("Beijing/北京@39.9042,116.4074", "Shanghai/上海@31.2304,121.4737", "Guangzhou/广州@23.1291,113.2644",
                  "Chengdu/成都@30.5728,104.0668", "Xi'an/西安@34.3416,108.9398", "Hangzhou/杭州@30.2741,120.1551"),
              forms("S:{c}市{n}中学", "P:{c}市{n}小学", "T:{c}市{n}职业学校"),
              names("第一", "第二", "第四", "第八", "实验", "育才", "外国语", "培英"),
              streets("人民路#号", "中山路#号", "解放路#号")),
          country("KR", "Republic of Korea", ASIA_PACIFIC, 8, "ko",
              cities("Seoul/서울@37.5665,126.9780", "Busan/부산@35.1796,129.0756", "Incheon/인천@37.4563,126.7052",
                  "Daegu/대구@35.8714,128.6014", "Gwangju/광주@35.1595,126.8526", "Daejeon/대전@36.3504,127.3845"),
              forms("S:{c}{n}고등학교", "S:{n}중학교", "P:{c}{n}초등학교", "T:{c}{n}공업고등학교"),
              names("한빛", "새솔", "푸른", "중앙", "동성", "한가람", "세종", "은행"),
              streets("중앙로 #", "세종대로 #", "학교로 #")),
          country("ID", "Indonesia", ASIA_PACIFIC, 7, "id,en",
              cities("Jakarta@-6.2088,106.8456", "Surabaya@-7.2575,112.7521", "Bandung@-6.9175,107.6191",
                  "Yogyakarta@-7.7956,110.3695", "Medan@3.5952,98.6722", "Denpasar@-8.6705,115.2126"),
              forms("S:SMA Negeri {k} {c}", "S:SMP Negeri {k} {c}", "P:SD Negeri {k} {c}", "T:SMK Negeri {k} {c}",
                  "S:SMA {n}"),
              names("Pelita Harapan", "Al-Azhar", "Kanisius", "Muhammadiyah", "Santa Ursula", "Budi Mulia"),
              streets("Jalan Merdeka No. #", "Jalan Sudirman No. #", "Jalan Diponegoro No. #")),
          country("VN", "Viet Nam", ASIA_PACIFIC, 7, "vi",
              cities("Hà Nội@21.0278,105.8342", "Thành phố Hồ Chí Minh@10.8231,106.6297", "Đà Nẵng@16.0544,108.2022",
                  "Huế@16.4637,107.5909", "Hải Phòng@20.8449,106.6881", "Cần Thơ@10.0452,105.7469"),
              forms("S:Trường THPT {n}", "S:Trường THCS {n}", "P:Trường Tiểu học {n}"),
              names("Chu Văn An", "Lê Quý Đôn", "Nguyễn Du", "Trần Phú", "Lê Hồng Phong", "Nguyễn Trãi",
                  "Trưng Vương"),
              streets("Số # đường Lê Lợi", "Số # đường Trần Hưng Đạo")),
          country("AU", "Australia", ASIA_PACIFIC, 7, "en",
              cities("Sydney@-33.8688,151.2093", "Melbourne@-37.8136,144.9631", "Brisbane@-27.4698,153.0251",
                  "Perth@-31.9505,115.8605", "Adelaide@-34.9285,138.6007", "Hobart@-42.8821,147.3272"),
              forms("S:{n} High School", "S:{n} Secondary College", "P:{n} Public School", "P:{n} Primary School"),
              names("Banksia", "Wattle Grove", "Kingsford", "Eastwood", "Bayside", "Riverview", "Hillcrest",
                  "Southbank"),
              streets("# George Street", "# Bay Road", "# Station Street")),
          country("TH", "Thailand", ASIA_PACIFIC, 6, "th",
              cities("Bangkok/กรุงเทพมหานคร@13.7563,100.5018", "Chiang Mai/เชียงใหม่@18.7883,98.9853",
                  "Khon Kaen/ขอนแก่น@16.4419,102.8356", "Phuket/ภูเก็ต@7.8804,98.3923",
                  "Nakhon Ratchasima/นครราชสีมา@14.9799,102.0977"),
              forms("S:โรงเรียน{n}วิทยาลัย", "EP:โรงเรียนอนุบาล{c}", "S:โรงเรียน{n}"),
              names("สวนกุหลาบ", "ยุพราช", "สตรี", "สาธิต", "บ้านสวน", "ดอนเมือง"),
              streets("# ถนนสุขุมวิท", "# ถนนพหลโยธิน")),

          // ---------------------------------------------------------------- Latin America and the Caribbean
          country("BR", "Brazil", LATIN_AMERICA_CARIBBEAN, 10, "pt",
              cities("São Paulo@-23.5505,-46.6333", "Rio de Janeiro@-22.9068,-43.1729", "Salvador@-12.9777,-38.5016",
                  "Belo Horizonte@-19.9167,-43.9345", "Recife@-8.0476,-34.8770", "Porto Alegre@-30.0346,-51.2177",
                  "Manaus@-3.1190,-60.0217"),
              forms("S:Escola Estadual {n}", "P:Escola Municipal {n}", "PS:Colégio {n}", "T:Escola Técnica Estadual {n}",
                  "K:Instituto de Educação {n}"),
              names("Paulo Freire", "Machado de Assis", "Cecília Meireles", "Monteiro Lobato", "Anísio Teixeira",
                  "Darcy Ribeiro", "Carlos Drummond de Andrade", "Tiradentes"),
              streets("Rua das Flores, #", "Avenida Brasil, #", "Rua XV de Novembro, #")),
          country("MX", "Mexico", LATIN_AMERICA_CARIBBEAN, 9, "es",
              cities("Ciudad de México@19.4326,-99.1332", "Guadalajara@20.6597,-103.3496", "Monterrey@25.6866,-100.3161",
                  "Puebla@19.0414,-98.2063", "Oaxaca de Juárez@17.0732,-96.7266", "Mérida@20.9674,-89.5926"),
              forms("S:Escuela Secundaria {n}", "P:Escuela Primaria {n}", "S:Colegio de Bachilleres {n}",
                  "E:Jardín de Niños {n}"),
              names("Benito Juárez", "Sor Juana Inés de la Cruz", "Miguel Hidalgo", "José Vasconcelos", "Octavio Paz",
                  "Gabriela Mistral", "Leona Vicario", "Emiliano Zapata"),
              streets("Avenida Juárez #", "Calle Hidalgo #", "Avenida Reforma #")),
          country("AR", "Argentina", LATIN_AMERICA_CARIBBEAN, 7, "es",
              cities("Buenos Aires@-34.6037,-58.3816", "Córdoba@-31.4201,-64.1888", "Rosario@-32.9442,-60.6505",
                  "Mendoza@-32.8895,-68.8458", "Salta@-24.7821,-65.4232"),
              forms("K:Escuela Normal Superior {n}", "S:Colegio Nacional {n}", "P:Escuela N.º {k} {n}",
                  "T:Escuela Técnica {n}"),
              names("Domingo Faustino Sarmiento", "Manuel Belgrano", "José de San Martín", "Juana Azurduy",
                  "Alfonsina Storni", "Mariano Moreno", "Rosario Vera Peñaloza"),
              streets("Avenida San Martín #", "Calle Belgrano #", "Avenida Rivadavia #")),
          country("CL", "Chile", LATIN_AMERICA_CARIBBEAN, 6, "es",
              cities("Santiago@-33.4489,-70.6693", "Valparaíso@-33.0472,-71.6127", "Concepción@-36.8270,-73.0503",
                  "Antofagasta@-23.6509,-70.3975", "Temuco@-38.7359,-72.5904"),
              forms("S:Liceo {n}", "P:Escuela Básica {n}", "PS:Colegio {n}", "T:Liceo Técnico Profesional {n}"),
              names("Gabriela Mistral", "Pablo Neruda", "Arturo Prat", "Andrés Bello", "Violeta Parra",
                  "Manuel de Salas", "Javiera Carrera"),
              streets("Avenida Libertador Bernardo O'Higgins #", "Calle Prat #")),
          country("CO", "Colombia", LATIN_AMERICA_CARIBBEAN, 6, "es",
              cities("Bogotá@4.7110,-74.0721", "Medellín@6.2442,-75.5812", "Cali@3.4516,-76.5320",
                  "Barranquilla@10.9685,-74.7813", "Cartagena@10.3910,-75.4794"),
              forms("PS:Institución Educativa {n}", "S:Colegio {n}", "K:Escuela Normal Superior {n}"),
              names("Gabriel García Márquez", "Policarpa Salavarrieta", "Simón Bolívar", "Francisco José de Caldas",
                  "Antonio Nariño", "Camilo Torres"),
              streets("Carrera # No. 10-25", "Calle # No. 7-40")),
          country("PE", "Peru", LATIN_AMERICA_CARIBBEAN, 5, "es,qu",
              cities("Lima@-12.0464,-77.0428", "Cusco@-13.5320,-71.9675", "Arequipa@-16.4090,-71.5375",
                  "Trujillo@-8.1116,-79.0287", "Iquitos@-3.7437,-73.2516"),
              forms("S:Institución Educativa {n}", "S:Colegio Nacional {n}",
                  "T:Instituto de Educación Superior Tecnológico {n}"),
              names("José María Arguedas", "César Vallejo", "Ricardo Palma", "Inca Garcilaso de la Vega",
                  "Micaela Bastidas", "Mariano Melgar"),
              streets("Jirón de la Unión #", "Avenida Arequipa #")),
          country("CU", "Cuba", LATIN_AMERICA_CARIBBEAN, 5, "es",
              cities("La Habana@23.1136,-82.3666", "Santiago de Cuba@20.0247,-75.8219", "Camagüey@21.3808,-77.9170",
                  "Holguín@20.8872,-76.2631", "Santa Clara@22.4069,-79.9647"),
              forms("S:Instituto Preuniversitario {n}", "P:Escuela Primaria {n}", "S:Secundaria Básica {n}",
                  "T:Instituto Politécnico {n}"),
              names("José Martí", "Frank País", "Celia Sánchez", "Antonio Maceo", "Mariana Grajales",
                  "Carlos J. Finlay", "Félix Varela"),
              streets("Calle #", "Avenida # y Calle 23")),
          country("UY", "Uruguay", LATIN_AMERICA_CARIBBEAN, 4, "es",
              cities("Montevideo@-34.9011,-56.1645", "Salto@-31.3833,-57.9667", "Paysandú@-32.3214,-58.0756",
                  "Maldonado@-34.9000,-54.9500"),
              forms("S:Liceo N.º {k} {n}", "P:Escuela N.º {k} {n}", "T:Escuela Técnica {n}"),
              names("José Pedro Varela", "Juana de Ibarbourou", "José Enrique Rodó", "Delmira Agustini",
                  "Clemente Estable", "Mario Benedetti"),
              streets("Avenida 18 de Julio #", "Calle Rincón #")));

  // ---------------------------------------------------------------- the little parsers of the table

  private static Country country(
      String iso2, String name, String region, int schools, String languages, List<City> cities,
      List<NameForm> forms, List<String> names, List<String> streets) {
    return new Country(
        iso2, name, region, schools, List.of(languages.split(",")), cities, forms, names, streets);
  }

  /** "Name@lat,lon" or "Name/local@lat,lon". */
  private static List<City> cities(String... specs) {
    return Arrays.stream(specs)
        .map(
            spec -> {
              int at = spec.lastIndexOf('@');
              String[] names = spec.substring(0, at).split("/", 2);
              String[] coordinates = spec.substring(at + 1).split(",");
              return new City(
                  names[0],
                  names.length > 1 ? names[1] : names[0],
                  Double.parseDouble(coordinates[0]),
                  Double.parseDouble(coordinates[1]));
            })
        .toList();
  }

  /** "LEVELS:template" with one letter per level. */
  private static List<NameForm> forms(String... specs) {
    return Arrays.stream(specs)
        .map(
            spec -> {
              int colon = spec.indexOf(':');
              List<Level> levels = spec.substring(0, colon).chars().mapToObj(DemoCountries::level).toList();
              return new NameForm(spec.substring(colon + 1), levels);
            })
        .toList();
  }

  private static Level level(int letter) {
    return switch (letter) {
      case 'E' -> Level.PRE_PRIMARY;
      case 'P' -> Level.PRIMARY;
      case 'S' -> Level.SECONDARY;
      case 'T' -> Level.TVET;
      case 'K' -> Level.TEACHER_TRAINING;
      default -> throw new IllegalArgumentException("level letter " + (char) letter);
    };
  }

  private static List<String> names(String... names) {
    return List.of(names);
  }

  private static List<String> streets(String... streets) {
    return List.of(streets);
  }
}
