"""Word pools of the synthetic world: syllables, names, places, goods, routes.

Everything here is data. Company, person and street names are assembled from these pools
by the generator, so no real company or person is named; the only real names are the
express integrators, postal operators and marketplace platforms, which appear as the
benign look-alikes of pattern 11. Chinese characters are real, so that a romaniser
(pypinyin) turns them back into the pinyin the other records of the same party carry.
"""

from __future__ import annotations


def _pairs(text: str) -> tuple[tuple[str, ...], ...]:
    """Parse ``a|b|c`` items separated by whitespace into tuples."""
    return tuple(tuple(item.split("|")) for item in text.split())


def _words(text: str) -> tuple[str, ...]:
    """Parse items separated by ``;`` (items may contain spaces)."""
    return tuple(w.strip() for w in text.split(";") if w.strip())


# --- Chinese syllables --------------------------------------------------------------------

#: Trade-name syllables: pinyin and a character whose usual reading is that pinyin.
TRADE_SYLLABLES = _pairs(
    """xing|星 hui|辉 bai|百 yun|云 jin|金 hua|华 long|龙 feng|丰 tai|泰 sheng|盛 da|达 fu|富
    hong|宏 xin|鑫 yuan|源 kai|凯 rui|瑞 jia|佳 mei|美 tian|天 heng|恒 yi|亿 bao|宝 cheng|诚
    ming|明 guang|光 hao|豪 wei|威 xiang|祥 an|安 de|德 chang|昌 rong|荣 sen|森 lin|林 hai|海
    shun|顺 chuang|创 yu|宇 jie|杰 teng|腾 fei|飞 li|力 qi|奇 zhi|智 wang|旺 peng|鹏 ya|雅
    lian|联 tong|通 he|和 yong|永 ding|鼎 bo|博 ke|科 run|润 ze|泽 hang|航 gao|高 jun|骏
    kang|康 le|乐 ou|欧 pin|品 qiao|乔 sai|赛 shang|尚 tuo|拓 wan|万 xu|旭 yao|耀 ying|赢
    you|优 zhan|展 zhuo|卓 chen|晨 dong|东 fang|方 guo|国 ji|吉 lang|朗 mao|茂 nuo|诺 pu|浦
    qing|青 ren|仁 shuo|硕 wen|文 xuan|轩 yang|扬 zheng|正 meng|盟 cai|彩"""
)

#: Chinese surnames: pinyin, character, Hong Kong (Cantonese) romanisation.
CN_SURNAMES = _pairs(
    """zhang|张|cheung wang|王|wong li|李|lee liu|刘|lau chen|陈|chan yang|杨|yeung
    huang|黄|wong zhao|赵|chiu wu|吴|ng zhou|周|chow xu|徐|tsui sun|孙|suen ma|马|ma
    hu|胡|wu guo|郭|kwok lin|林|lam he|何|ho gao|高|ko liang|梁|leung zheng|郑|cheng
    luo|罗|law song|宋|sung xie|谢|tse tang|唐|tong han|韩|hon feng|冯|fung deng|邓|tang
    xu|许|hui peng|彭|pang su|苏|so cai|蔡|choi pan|潘|poon ye|叶|yip du|杜|to
    jiang|蒋|cheung yu|余|yu tian|田|tin lu|卢|lo wei|魏|ngai zhong|钟|chung"""
)

#: Given-name syllables: pinyin, character, Hong Kong romanisation.
CN_GIVEN = _pairs(
    """wei|伟|wai na|娜|na jing|静|ching min|敏|man jun|军|kwan hong|洪|hung fang|芳|fong
    li|丽|lai qiang|强|keung lei|磊|lui yang|洋|yeung jie|杰|kit ying|英|ying hua|华|wah
    ping|平|ping ming|明|ming ting|婷|ting tao|涛|to chao|超|chiu xia|霞|ha yong|勇|yung
    xiu|秀|sau ling|玲|ling yan|艳|yim bin|斌|pun hui|辉|fai peng|鹏|pang xiao|晓|hiu
    hong|红|hung wen|文|man jian|建|kin guo|国|kwok zhi|志|chi hai|海|hoi chun|春|chun
    xue|雪|suet mei|梅|mui lin|琳|lam xin|欣|yan yu|宇|yu hao|浩|ho kai|凯|hoi feng|峰|fung
    gang|刚|kong liang|亮|leung dong|东|tung jing|晶|ching jia|佳|kai yi|怡|yi hui|慧|wai
    si|思|sze xin|鑫|yam bo|博|pok chen|晨|san"""
)

#: Very common personal names shared by many different people (pattern 11). Chinese
#: ones are (surname, given syllables...) in pinyin; the others (style, first, last).
COMMON_CN_NAMES = (
    ("wang", "wei"),
    ("li", "na"),
    ("zhang", "wei"),
    ("li", "qiang"),
    ("liu", "yang"),
    ("chen", "jing"),
    ("wang", "fang"),
    ("li", "jing"),
    ("zhang", "min"),
    ("wang", "jing"),
)
COMMON_EU_NAMES = (
    ("en", "John", "Smith"),
    ("es", "María", "García"),
    ("de", "Thomas", "Müller"),
    ("it", "Marco", "Rossi"),
    ("fr", "Jean", "Martin"),
    ("nl", "Jan", "de Vries"),
    ("pl", "Anna", "Nowak"),
    ("pt", "Maria", "Silva"),
)

# --- Source regions -----------------------------------------------------------------------

#: Industries of Chinese companies: English, characters, goods category they make.
CN_INDUSTRIES = (
    ("Leather Products", "皮具制品", "leather goods"),
    ("Garments", "服装", "clothing"),
    ("Shoes", "鞋业", "footwear"),
    ("Toys", "玩具", "toys"),
    ("Electronic Technology", "电子科技", "mobile accessories"),
    ("Watches", "钟表", "watches"),
    ("Cosmetics", "化妆品", "perfume and cosmetics"),
    ("Packaging", "包装", "labels and packaging"),
    ("Printing", "印刷", "labels and packaging"),
    ("Auto Parts", "汽车配件", "auto parts"),
    ("Bags", "箱包", "leather goods"),
    ("Glasses", "眼镜", "sunglasses"),
    ("Accessories", "饰品", "jewellery"),
    ("Pharmaceutical", "医药", "medicines"),
)
#: Trade types that replace the industry on some records ("... Imp. & Exp. Co., Ltd.").
CN_TRADE_TYPES = (
    ("Trading", "贸易"),
    ("Imp. & Exp.", "进出口"),
    ("IMP&EXP", "进出口"),
    ("I/E", "进出口"),
    ("E-Commerce", "电子商务"),
    ("Supply Chain Management", "供应链管理"),
    ("Technology", "科技"),
    ("Industrial", "实业"),
)
#: Legal forms of mainland companies: the first is how most write it, the rest variants.
CN_LEGAL = _words(
    "Co., Ltd.; Co., Ltd; CO.,LTD; CO.,LTD.; Co. Limited; Company Limited; LTD; Corp; Co Ltd;"
    " Co.,Ltd; Limited"
)
CN_LEGAL_ZH = "有限公司"
#: Hong Kong company forms: English stem, characters (香港 + trade name + form + 有限公司).
HK_FORMS = (
    ("(HK) Trading", "贸易"),
    ("International (HK)", "国际"),
    ("(Hong Kong) Industrial", "实业"),
    ("Global Trading", "环球贸易"),
    ("Holdings (HK)", "控股"),
)
#: Legal forms of Hong Kong companies: the first is how most write it.
HK_LEGAL_VARIANTS = _words("Limited; Ltd; LTD; Ltd.; Co., Limited; Company Limited; Co., Ltd")

#: Source cities: key, English, split syllables, abbreviation, characters, province,
#: province characters, country, area code, postcode, districts (English|characters),
#: the goods categories its factories make, and its weight as a source region.
SOURCE_CITIES = (
    (
        "guangzhou",
        "Guangzhou",
        "Guang Zhou",
        "GZ",
        "广州",
        "Guangdong",
        "广东",
        "CN",
        "20",
        "510000",
        _pairs("Baiyun|白云 Tianhe|天河 Yuexiu|越秀 Panyu|番禺 Haizhu|海珠"),
        ("leather goods", "clothing", "perfume and cosmetics", "watches"),
        20,
    ),
    (
        "shenzhen",
        "Shenzhen",
        "Shen Zhen",
        "SZ",
        "深圳",
        "Guangdong",
        "广东",
        "CN",
        "755",
        "518000",
        _pairs("Longgang|龙岗 Baoan|宝安 Futian|福田 Nanshan|南山 Longhua|龙华"),
        ("mobile accessories", "watches", "toys", "sunglasses"),
        16,
    ),
    (
        "yiwu",
        "Yiwu",
        "Yi Wu",
        "YW",
        "义乌",
        "Zhejiang",
        "浙江",
        "CN",
        "579",
        "322000",
        _pairs("Choucheng|稠城 Beiyuan|北苑 Jiangdong|江东 Futian|福田"),
        ("labels and packaging", "jewellery", "toys", "clothing"),
        14,
    ),
    (
        "putian",
        "Putian",
        "Pu Tian",
        "PT",
        "莆田",
        "Fujian",
        "福建",
        "CN",
        "594",
        "351100",
        _pairs("Licheng|荔城 Chengxiang|城厢 Hanjiang|涵江 Xiuyu|秀屿"),
        ("footwear", "clothing"),
        12,
    ),
    (
        "quanzhou",
        "Quanzhou",
        "Quan Zhou",
        "QZ",
        "泉州",
        "Fujian",
        "福建",
        "CN",
        "595",
        "362000",
        _pairs("Fengze|丰泽 Licheng|鲤城 Shishi|石狮 Jinjiang|晋江"),
        ("footwear", "clothing", "leather goods"),
        8,
    ),
    (
        "dongguan",
        "Dongguan",
        "Dong Guan",
        "DG",
        "东莞",
        "Guangdong",
        "广东",
        "CN",
        "769",
        "523000",
        _pairs("Humen|虎门 Changan|长安 Houjie|厚街 Dongcheng|东城"),
        ("clothing", "footwear", "toys", "leather goods"),
        8,
    ),
    (
        "shantou",
        "Shantou",
        "Shan Tou",
        "ST",
        "汕头",
        "Guangdong",
        "广东",
        "CN",
        "754",
        "515000",
        _pairs("Chenghai|澄海 Longhu|龙湖"),
        ("toys",),
        4,
    ),
    (
        "wenzhou",
        "Wenzhou",
        "Wen Zhou",
        "WZ",
        "温州",
        "Zhejiang",
        "浙江",
        "CN",
        "577",
        "325000",
        _pairs("Lucheng|鹿城 Ouhai|瓯海"),
        ("footwear", "sunglasses", "auto parts"),
        4,
    ),
    (
        "ningbo",
        "Ningbo",
        "Ning Bo",
        "NB",
        "宁波",
        "Zhejiang",
        "浙江",
        "CN",
        "574",
        "315000",
        _pairs("Yinzhou|鄞州 Beilun|北仑"),
        ("auto parts", "clothing"),
        3,
    ),
    (
        "istanbul",
        "Istanbul",
        "Istanbul",
        "IST",
        "",
        "Istanbul",
        "",
        "TR",
        "212",
        "34000",
        _pairs("Merter| Laleli| Zeytinburnu| Bagcilar| Gungoren| Sisli|"),
        ("clothing", "leather goods", "perfume and cosmetics", "footwear"),
        9,
    ),
    (
        "izmir",
        "Izmir",
        "Izmir",
        "IZM",
        "",
        "Izmir",
        "",
        "TR",
        "232",
        "35000",
        _pairs("Konak| Bornova|"),
        ("clothing", "perfume and cosmetics"),
        2,
    ),
)

#: Road-name stems of Chinese addresses: pinyin and characters.
CN_ROAD_STEMS = _pairs(
    """Xingye|兴业 Zhujiang|珠江 Renmin|人民 Zhongshan|中山 Jiefang|解放 Huanshi|环市 Jianshe|建设
    Xinhua|新华 Dongfeng|东风 Binjiang|滨江 Chuangye|创业 Gongye|工业 Huaqiang|华强 Shennan|深南
    Binhe|滨河 Chouzhou|稠州 Jiangbin|江滨 Wenhua|文化 Heping|和平 Minzu|民族 Qingnian|青年
    Yingbin|迎宾 Keji|科技 Fenghuang|凤凰 Jinqiao|金桥 Huangpu|黄埔"""
)
#: Road direction: pinyin, English, characters.
CN_DIRECTIONS = _pairs("Dong|East|东 Xi|West|西 Nan|South|南 Bei|North|北 Zhong|Middle|中")
#: Road type: pinyin, English, abbreviation, characters.
CN_ROAD_TYPES = _pairs("Lu|Road|Rd|路 Dadao|Avenue|Ave|大道 Jie|Street|St|街")
#: Building types: English, abbreviation, characters.
CN_BUILDINGS = (
    ("Building", "Bldg", "大厦"),
    ("Plaza", "Plz", "广场"),
    ("Industrial Park", "Ind. Park", "工业园"),
    ("Commercial Center", "Comm. Ctr", "商业中心"),
    ("Trade Center", "Trade Ctr", "贸易中心"),
)

#: Hong Kong: districts (with their region) and Cantonese-sounding street stems.
HK_DISTRICTS = (
    ("Mong Kok", "Kowloon"),
    ("Kwun Tong", "Kowloon"),
    ("Tsim Sha Tsui", "Kowloon"),
    ("Sham Shui Po", "Kowloon"),
    ("Wan Chai", "Hong Kong Island"),
    ("Sheung Wan", "Hong Kong Island"),
    ("Causeway Bay", "Hong Kong Island"),
    ("Kwai Chung", "New Territories"),
    ("Tsuen Wan", "New Territories"),
)
HK_STREET_STEMS = _words(
    "Hoi Wing; Tai Fung; Wing Lok; Kwong Yip; Shun Tak; Hing Fat; Lai Chi; Po On; Sai Yeung;"
    " Man Yue; Tung Choi; Yan Hing; Chung Hau; Fuk Wah; Kin Wong"
)
HK_BUILDING_TYPES = (
    ("Building", "Bldg"),
    ("Centre", "Ctr"),
    ("Tower", "Twr"),
    ("Plaza", "Plz"),
    ("Commercial Building", "Comm Bldg"),
)

#: Turkish names, company words and Istanbul/Izmir streets (with and without diacritics).
TR_FIRST = _words(
    "Mehmet; Ahmet; Mustafa; Ali; Hüseyin; Hasan; İbrahim; Murat; Emre; Burak; Ayşe; Fatma;"
    " Zeynep; Elif; Emine; Hatice; Serkan; Kemal; Cem; Gökhan"
)
TR_LAST = _words(
    "Yılmaz; Kaya; Demir; Şahin; Çelik; Yıldız; Yıldırım; Öztürk; Aydın; Özdemir; Arslan;"
    " Doğan; Kılıç; Aslan; Çetin; Kara; Koç; Kurt; Özkan; Şimşek"
)
TR_WORDS = _words(
    "Anadolu; Bosfor; Marmara; Yıldız; Doruk; Ege; Zirve; Kartal; Umut; Barış; Güneş; Deniz;"
    " Lale; Nil; Sedef; Tuna; Vadi; Yakamoz"
)
TR_SECTORS = _words("Tekstil; Deri; Ayakkabı; Kozmetik; Saat; Giyim; Moda; Konfeksiyon; Oyuncak")
TR_LEGAL = _words(
    "San. ve Tic. Ltd. Şti.; Ltd. Şti.; Tic. A.Ş.; Sanayi ve Ticaret Limited Şirketi; LTD STI; A.S."
)
TR_STREETS = _words("Gül; Çınar; Lale; Menekşe; Papatya; Zambak; Ihlamur; Kavak; Akasya; Nergis")

# --- Destination and other countries -----------------------------------------------------

#: Per naming style: first names, last names, street stems, company trade words and
#: legal forms (first = usual). Names with diacritics are also written without.
EU_STYLES: dict[str, dict[str, tuple[str, ...]]] = {
    "de": {
        "first": _words(
            "Thomas; Michael; Andreas; Stefan; Anna; Julia; Sabine; Katrin; Lukas; Jonas; Lena;"
            " Laura; Markus; Sven; Tobias; Daniel; Sarah; Jürgen; Jörg; Monika"
        ),
        "last": _words(
            "Müller; Schmidt; Schneider; Fischer; Weber; Meyer; Wagner; Becker; Schulz; Hoffmann;"
            " Koch; Richter; Klein; Wolf; Schröder; Neumann; Schwarz; Zimmermann; Braun; Krüger;"
            " Hartmann; Lange; Werner; Krause; Köhler; Maier; Huber; Kaiser"
        ),
        "street": _words(
            "Haupt; Bahnhof; Garten; Linden; Berg; Schul; Kirch; Wald; Ring; Dorf; Industrie;"
            " Hafen; Markt; Friedhof; Mühlen; Rosen"
        ),
        "trade": _words("Handel; Schuhhandel; Mode; Textil; Import Export; Vertrieb; Logistik"),
        "legal": _words("GmbH; GMBH; Gesellschaft mbH; UG (haftungsbeschränkt); e.K."),
    },
    "fr": {
        "first": _words(
            "Jean; Pierre; Michel; Nicolas; Julien; Camille; Marie; Sophie; Isabelle; Nathalie;"
            " Léa; Chloé; Hugo; Théo; Céline; François"
        ),
        "last": _words(
            "Martin; Bernard; Dubois; Thomas; Robert; Richard; Petit; Durand; Leroy; Moreau;"
            " Simon; Laurent; Lefèvre; Michel; Garcia; Fournier; Girard; Bonnet; Mercier; Lambert"
        ),
        "street": _words(
            "de la Paix; Victor Hugo; de la République; Jean Jaurès; Pasteur; des Lilas;"
            " de la Gare; du Moulin; Gambetta; Voltaire"
        ),
        "trade": _words("Distribution; Textiles; Mode; Import Export; Négoce; Commerce"),
        "legal": _words("SARL; S.A.R.L.; SAS; S.A.S.; EURL"),
    },
    "it": {
        "first": _words(
            "Marco; Luca; Giuseppe; Francesco; Andrea; Alessandro; Giulia; Francesca; Chiara;"
            " Sara; Valentina; Paolo; Matteo; Elena; Davide"
        ),
        "last": _words(
            "Rossi; Russo; Ferrari; Esposito; Bianchi; Romano; Colombo; Ricci; Marino; Greco;"
            " Bruno; Gallo; Conti; De Luca; Mancini; Costa; Giordano; Rizzo; Lombardi; Moretti"
        ),
        "street": _words(
            "Roma; Garibaldi; Mazzini; Cavour; Dante; Verdi; Marconi; Matteotti; dei Mille;"
            " Nazionale"
        ),
        "trade": _words("Moda; Abbigliamento; Calzature; Import Export; Commercio; Distribuzione"),
        "legal": _words("S.r.l.; SRL; S.R.L.; S.p.A.; s.r.l.s."),
    },
    "es": {
        "first": _words(
            "María; José; Antonio; Manuel; Carmen; Ana; Laura; Javier; David; Lucía; Pablo;"
            " Sergio; Marta; Elena; Álvaro"
        ),
        "last": _words(
            "García; Fernández; González; Rodríguez; López; Martínez; Sánchez; Pérez; Gómez;"
            " Martín; Jiménez; Ruiz; Hernández; Díaz; Moreno; Álvarez; Romero; Navarro"
        ),
        "street": _words(
            "Mayor; Real; de la Constitución; Sol; San Juan; Nueva; Iglesia; Mar; Cervantes;"
            " de Andalucía"
        ),
        "trade": _words("Distribuciones; Moda; Comercial; Importaciones; Textil; Logística"),
        "legal": _words("S.L.; SL; S.L.U.; S.A.; Sociedad Limitada"),
    },
    "pt": {
        "first": _words(
            "João; José; António; Francisco; Maria; Ana; Inês; Beatriz; Pedro; Tiago; Rui;"
            " Catarina; Sofia"
        ),
        "last": _words(
            "Silva; Santos; Ferreira; Pereira; Oliveira; Costa; Rodrigues; Martins; Jesus;"
            " Sousa; Fernandes; Gonçalves; Gomes; Lopes"
        ),
        "street": _words("da Liberdade; Augusta; do Comércio; da Boavista; de São Bento; Direita"),
        "trade": _words("Comércio; Moda; Importação e Exportação; Distribuição; Têxteis"),
        "legal": _words("Lda.; LDA; Unipessoal Lda.; S.A."),
    },
    "nl": {
        "first": _words(
            "Jan; Pieter; Kees; Bram; Daan; Sanne; Lotte; Emma; Sophie; Thijs; Ruud; Anouk;"
            " Joost; Eva; Bas"
        ),
        "last": _words(
            "de Vries; Jansen; van den Berg; Bakker; Visser; Smit; Meijer; de Boer; Mulder;"
            " de Groot; Bos; Vos; Peters; Hendriks; van Dijk; Janssens; Maes; Peeters"
        ),
        "street": _words(
            "Kerk; Dorps; School; Molen; Stations; Haven; Industrie; Nieuwe; Markt; Linden"
        ),
        "trade": _words("Trading; Handel; Import Export; Distributie; Fashion; Logistics"),
        "legal": _words("B.V.; BV; B.V; VOF; BVBA"),
    },
    "pl": {
        "first": _words(
            "Anna; Piotr; Krzysztof; Andrzej; Tomasz; Paweł; Katarzyna; Małgorzata; Agnieszka;"
            " Marek; Michał; Magdalena; Łukasz; Joanna"
        ),
        "last": _words(
            "Nowak; Kowalski; Wiśniewski; Wójcik; Kowalczyk; Kamiński; Lewandowski; Zieliński;"
            " Szymański; Woźniak; Dąbrowski; Kozłowski; Jankowski; Mazur"
        ),
        "street": _words(
            "Długa; Krótka; Polna; Leśna; Słoneczna; Ogrodowa; Lipowa; Kościuszki; Mickiewicza;"
            " Szkolna"
        ),
        "trade": _words("Handel; Import Eksport; Trade; Dystrybucja; Moda; Logistyka"),
        "legal": _words("Sp. z o.o.; sp. z o.o.; SP Z OO; Spółka z o.o.; S.A."),
    },
    "cz": {
        "first": _words("Jan; Petr; Jiří; Pavel; Martin; Tomáš; Jana; Eva; Hana; Lucie; Veronika"),
        "last": _words(
            "Novák; Svoboda; Novotný; Dvořák; Černý; Procházka; Kučera; Veselý; Horák; Němec;"
            " Marek; Pokorný"
        ),
        "street": _words("Hlavní; Nádražní; Školní; Zahradní; Husova; Palackého; Polní"),
        "trade": _words("Obchod; Trade; Import Export; Distribuce; Textil"),
        "legal": _words("s.r.o.; s. r. o.; S.R.O.; a.s."),
    },
    "en": {
        "first": _words(
            "John; David; Michael; James; Paul; Mark; Sarah; Emma; Laura; Claire; Daniel; Ryan;"
            " Sean; Aoife; Ciara; Gary"
        ),
        "last": _words(
            "Smith; Jones; Williams; Taylor; Brown; Davies; Evans; Wilson; Thomas; Johnson;"
            " Roberts; Walker; Murphy; Kelly; O'Brien; Byrne; Ryan; Walsh"
        ),
        "street": _words(
            "High; Station; Church; Park; Victoria; Green; Manor; Mill; Queens; Kings; Bridge; Main"
        ),
        "trade": _words("Trading; Imports; Distribution; Fashion; Wholesale; Supplies"),
        "legal": _words("Ltd; Limited; LTD; Ltd.; LLP"),
    },
    "nordic": {
        "first": _words("Erik; Lars; Anders; Johan; Karin; Anna; Maria; Sofia; Mikkel; Mette"),
        "last": _words(
            "Andersson; Johansson; Karlsson; Nilsson; Eriksson; Larsson; Jensen; Nielsen;"
            " Hansen; Pedersen"
        ),
        "street": _words("Storgatan; Kungsgatan; Drottninggatan; Vestergade; Nørregade; Skolegade"),
        "trade": _words("Handel; Import; Trading; Distribution"),
        "legal": _words("AB; Aktiebolag; ApS; A/S"),
    },
    "gr": {
        "first": _words("Giorgos; Dimitris; Nikos; Kostas; Maria; Eleni; Katerina; Giannis"),
        "last": _words(
            "Papadopoulos; Papadakis; Georgiou; Nikolaou; Oikonomou; Dimitriou; Pappas; Vlachos"
        ),
        "street": _words("Ermou; Stadiou; Athinas; Egnatia; Tsimiski; Patision"),
        "trade": _words("Emporiki; Trading; Import Export; Fashion"),
        "legal": _words("E.P.E.; EPE; I.K.E.; A.E."),
    },
    "ro": {
        "first": _words("Andrei; Alexandru; Mihai; Ion; Elena; Ioana; Maria; Cristina; Florin"),
        "last": _words("Popescu; Ionescu; Popa; Constantin; Stan; Dumitru; Stoica; Gheorghe"),
        "street": _words("Victoriei; Unirii; Libertății; Mihai Viteazu; Republicii; Florilor"),
        "trade": _words("Comert; Import Export; Distributie; Fashion"),
        "legal": _words("S.R.L.; SRL; S.A."),
    },
    "hu": {
        "first": _words("László; István; József; Zoltán; Péter; Mária; Erzsébet; Katalin; Éva"),
        "last": _words("Nagy; Kovács; Tóth; Szabó; Horváth; Varga; Kiss; Molnár; Németh"),
        "street": _words("Kossuth; Petőfi; Rákóczi; Ady Endre; Dózsa György; Fő"),
        "trade": _words("Kereskedelmi; Import Export; Trade; Divat"),
        "legal": _words("Kft.; KFT; Bt.; Zrt."),
    },
    "bg": {
        "first": _words("Georgi; Ivan; Dimitar; Nikolay; Maria; Ivanka; Elena; Petar"),
        "last": _words("Ivanov; Georgiev; Dimitrov; Petrov; Nikolov; Hristov; Stoyanov; Todorov"),
        "street": _words("Vasil Levski; Hristo Botev; Tsar Simeon; Rakovski; Graf Ignatiev"),
        "trade": _words("Trade; Import Export; Targoviya; Fashion"),
        "legal": _words("EOOD; OOD; AD; E.O.O.D."),
    },
}

#: Street-line templates per EU naming style: usual, abbreviated, alternative (written
#: with the street name's diacritics removed), and the flat or unit suffix.
EU_STREET_FORMS: dict[str, tuple[str, str, str, str]] = {
    "de": ("{s}straße {n}", "{s}str. {n}", "{s}strasse {n}", ", Whg. {u}"),
    "fr": ("{n} rue {s}", "{n}, r. {s}", "{n} RUE {s}", ", appt {u}"),
    "it": ("Via {s} {n}", "V. {s}, {n}", "Via {s}, {n}", ", int. {u}"),
    "es": ("Calle {s} {n}", "C/ {s}, {n}", "Calle {s}, nº {n}", ", {u}º"),
    "pt": ("Rua {s} {n}", "R. {s}, {n}", "Rua {s}, nº {n}", ", {u}º"),
    "nl": ("{s}straat {n}", "{s}str. {n}", "{s}straat {n}", " bus {u}"),
    "pl": ("ul. {s} {n}", "{s} {n}", "ul. {s} {n}", "/{u}"),
    "cz": ("{s} {n}", "{s} č. {n}", "{s} {n}", "/{u}"),
    "en": ("{n} {s} Street", "{n} {s} St", "{n} {s} St.", ", Flat {u}"),
    "nordic": ("{s} {n}", "{s} {n}", "{s} nr {n}", ", lgh {u}"),
    "gr": ("{s} {n}", "Odos {s} {n}", "{s} {n}", ", {u}"),
    "ro": ("Strada {s} {n}", "Str. {s} nr. {n}", "Str. {s}, nr. {n}", ", ap. {u}"),
    "hu": ("{s} utca {n}", "{s} u. {n}.", "{s} utca {n}.", " {u}. ajtó"),
    "bg": ("ul. {s} {n}", 'ul. "{s}" No {n}', "ul. {s} No {n}", ", ap. {u}"),
}

#: Countries of the world the generator writes, with naming style, calling code, phone
#: number lengths (landline area-code digits + subscriber digits; mobile digits and
#: prefixes), postcode format (``9`` a digit, ``A`` a letter), cities and weights as
#: destination and as background origin.
#: Fields: style, calling code, trunk prefix, mobile prefixes, mobile length, landline
#: length, postcode pattern, cities, destination weight, background-origin weight.
COUNTRIES_INFO: dict[str, tuple] = {
    "CN": ("cn", "86", "0", ("13", "15", "18", "17", "19"), 11, 10, "999999", (), 0, 48),
    "HK": ("hk", "852", "", ("5", "6", "9"), 8, 8, "", ("Hong Kong",), 0, 20),
    "TR": ("tr", "90", "0", ("53", "54", "55"), 10, 10, "99999", ("Istanbul",), 0, 9),
    "AE": ("intl", "971", "0", ("50", "55"), 9, 8, "", ("Dubai", "Sharjah"), 0, 4),
    "SG": ("intl", "65", "", ("8", "9"), 8, 8, "999999", ("Singapore",), 0, 4),
    "IN": ("intl", "91", "0", ("98", "99", "97"), 10, 10, "999999", ("Mumbai", "New Delhi"), 0, 3),
    "VN": ("intl", "84", "0", ("90", "91"), 9, 9, "999999", ("Ho Chi Minh City",), 0, 2),
    "TH": ("intl", "66", "0", ("8", "9"), 9, 8, "99999", ("Bangkok",), 0, 2),
    "PK": ("intl", "92", "0", ("30", "31"), 10, 10, "99999", ("Karachi", "Lahore"), 0, 2),
    "US": (
        "intl",
        "1",
        "",
        ("2", "3", "6", "7"),
        10,
        10,
        "99999",
        ("New York", "Los Angeles"),
        0,
        3,
    ),
    "MA": ("intl", "212", "0", ("6",), 9, 9, "99999", ("Casablanca", "Tangier"), 0, 2),
    "EG": ("intl", "20", "0", ("10", "11"), 10, 9, "99999", ("Cairo", "Port Said"), 0, 1),
    "UA": ("intl", "380", "0", ("50", "67"), 9, 9, "99999", ("Odesa", "Kyiv"), 0, 2),
    "AL": ("intl", "355", "0", ("69", "68"), 9, 8, "9999", ("Tirana", "Durres"), 0, 2),
    "RS": ("intl", "381", "0", ("60", "64"), 9, 8, "99999", ("Belgrade",), 0, 1),
    "KR": ("intl", "82", "0", ("10",), 10, 9, "99999", ("Seoul", "Busan"), 0, 1),
    "DE": (
        "de",
        "49",
        "0",
        ("151", "160", "170", "176"),
        11,
        10,
        "99999",
        ("Berlin", "Hamburg", "Frankfurt am Main", "Köln", "München", "Düsseldorf", "Leipzig"),
        18,
        0,
    ),
    "FR": (
        "fr",
        "33",
        "0",
        ("6", "7"),
        9,
        9,
        "99999",
        ("Paris", "Marseille", "Lyon", "Lille", "Aubervilliers", "Toulouse"),
        12,
        0,
    ),
    "IT": (
        "it",
        "39",
        "",
        ("32", "33", "34"),
        10,
        10,
        "99999",
        ("Roma", "Milano", "Napoli", "Torino", "Prato", "Bologna"),
        11,
        0,
    ),
    "ES": (
        "es",
        "34",
        "",
        ("6",),
        9,
        9,
        "99999",
        ("Madrid", "Barcelona", "Valencia", "Sevilla", "Fuenlabrada"),
        9,
        0,
    ),
    "NL": (
        "nl",
        "31",
        "0",
        ("6",),
        9,
        9,
        "9999 AA",
        ("Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Venlo"),
        8,
        0,
    ),
    "BE": (
        "nl",
        "32",
        "0",
        ("47", "48", "49"),
        9,
        8,
        "9999",
        ("Antwerpen", "Bruxelles", "Gent", "Liège"),
        6,
        0,
    ),
    "PL": (
        "pl",
        "48",
        "",
        ("50", "51", "60", "69"),
        9,
        9,
        "99-999",
        ("Warszawa", "Kraków", "Łódź", "Wrocław", "Poznań"),
        6,
        0,
    ),
    "AT": ("de", "43", "0", ("664", "676"), 10, 9, "9999", ("Wien", "Graz", "Linz"), 3, 0),
    "CZ": ("cz", "420", "", ("6", "7"), 9, 9, "999 99", ("Praha", "Brno", "Ostrava"), 2, 0),
    "PT": ("pt", "351", "", ("91", "93", "96"), 9, 9, "9999-999", ("Lisboa", "Porto"), 2, 0),
    "GB": (
        "en",
        "44",
        "0",
        ("7",),
        10,
        10,
        "AA9 9AA",
        ("London", "Manchester", "Birmingham", "Leicester"),
        7,
        0,
    ),
    "IE": ("en", "353", "0", ("8",), 9, 9, "A99 A999", ("Dublin", "Cork"), 1, 0),
    "SE": ("nordic", "46", "0", ("70", "73"), 9, 9, "999 99", ("Stockholm", "Göteborg"), 2, 0),
    "DK": ("nordic", "45", "", ("2", "3"), 8, 8, "9999", ("København", "Aarhus"), 1, 0),
    "GR": ("gr", "30", "", ("69",), 10, 10, "999 99", ("Athina", "Thessaloniki", "Pireas"), 2, 0),
    "RO": ("ro", "40", "0", ("72", "74"), 9, 9, "999999", ("București", "Constanța"), 2, 0),
    "HU": ("hu", "36", "06", ("20", "30", "70"), 9, 9, "9999", ("Budapest", "Debrecen"), 2, 0),
    "BG": ("bg", "359", "0", ("87", "88", "89"), 9, 8, "9999", ("Sofia", "Plovdiv", "Varna"), 2, 0),
}

#: Company words for the other origin countries, and their legal forms.
INTL_WORDS = _words(
    "Star; Global; Royal; Prime; Golden; Silver; Orient; Pacific; Crown; Eagle; Falcon;"
    " Sunrise; Lotus; Pearl; Emerald; Sapphire; Atlas; Zenith; Apex; Nova"
)
INTL_SECTORS = _words(
    "Trading; Exports; Enterprises; Industries; Commerce; Merchants; Garments; Fashions;"
    " Supplies; Traders"
)
INTL_LEGAL: dict[str, tuple[str, ...]] = {
    "AE": _words("LLC; FZE; FZCO; L.L.C."),
    "SG": _words("Pte. Ltd.; Pte Ltd; PTE. LTD."),
    "IN": _words("Pvt. Ltd.; Private Limited; Pvt Ltd"),
    "VN": _words("Co., Ltd; Company Limited; JSC"),
    "TH": _words("Co., Ltd.; Company Limited"),
    "PK": _words("(Pvt) Ltd; Private Limited"),
    "US": _words("LLC; Inc.; Corp."),
    "MA": _words("SARL; S.A.R.L."),
    "EG": _words("S.A.E.; LLC"),
    "UA": _words("LLC; TOV; Ltd"),
    "AL": _words("Sh.p.k.; SHPK"),
    "RS": _words("d.o.o.; DOO"),
    "KR": _words("Co., Ltd.; Corporation"),
}
INTL_STREETS = _words(
    "Harbour; Market; Station; Palm; Garden; Industrial; Airport; Canal; Lake; Hill"
)
#: Free zones of the United Arab Emirates used as consolidation-warehouse addresses.
FREE_ZONES = (
    ("Jebel Ali Free Zone", "JAFZ"),
    ("Dubai Airport Free Zone", "DAFZ"),
    ("Sharjah Airport International Free Zone", "SAIF Zone"),
)

# --- Benign hubs (pattern 11): real integrators, postal operators and platforms ---------

#: Express integrators: the name as usually written, variants, home country, the hub
#: address they are written with, the share of express cases they carry.
INTEGRATORS = (
    (
        "DHL Express",
        _words("DHL; DHL EXPRESS; DHL Express (Germany) GmbH; DHL Hub Leipzig"),
        "DE",
        "Hermann-Köhl-Straße 1",
        "Schkeuditz",
        "04435",
        0.38,
    ),
    (
        "FedEx Express",
        _words("FEDEX; FedEx; Federal Express; FedEx Express Europe"),
        "BE",
        "Luchthaven Brussel Nationaal",
        "Zaventem",
        "1930",
        0.22,
    ),
    (
        "UPS",
        _words("UPS; United Parcel Service; UPS SCS; UPS Europe SRL"),
        "DE",
        "Frachtzentrum Köln/Bonn",
        "Köln",
        "51147",
        0.2,
    ),
    (
        "Aramex",
        _words("ARAMEX; Aramex International; Aramex Emirates LLC"),
        "AE",
        "Dubai Airport Free Zone",
        "Dubai",
        "",
        0.08,
    ),
    (
        "SF Express",
        _words("SF EXPRESS; S.F. Express; SF International"),
        "CN",
        "Shenzhen Airport Logistics Park",
        "Shenzhen",
        "518128",
        0.12,
    ),
)
#: Postal operators written as carrier on some postal items.
POSTAL_OPERATORS = (
    ("China Post", _words("CHINA POST; China Post Group; ePacket China Post"), "CN"),
    ("Hongkong Post", _words("HONGKONG POST; Hong Kong Post; HK Post"), "HK"),
    ("PostNL", _words("POSTNL; PostNL International"), "NL"),
)
#: Marketplace platforms: name, variants, store-page address stem, IOSS country code.
PLATFORMS = (
    (
        "AliExpress",
        _words("Aliexpress; ALIEXPRESS; AliExpress.com"),
        "aliexpress.com/store/",
        "528",
    ),
    (
        "Amazon Marketplace",
        _words("Amazon; AMAZON EU; Amazon.de Marketplace"),
        "amazon.de/sp?seller=",
        "442",
    ),
    ("eBay", _words("EBAY; eBay Marketplaces; ebay.de"), "ebay.com/str/", "372"),
    ("Temu", _words("TEMU; Temu.com; Whaleco"), "temu.com/store-", "372"),
    ("Wish", _words("WISH; Wish.com; ContextLogic"), "wish.com/merchant/", "528"),
    ("DHgate", _words("DHGATE; DHgate.com"), "dhgate.com/store/", "528"),
)

#: Syllables of invented company words ("Novatex", "Brandorf") in Europe and elsewhere.
EU_SYLLABLES = _words(
    "no; va; tex; bran; dorf; lin; ta; ver; mo; cas; tel; ro; ma; sol; vi; kel; dor; mar; len;"
    " tor; bel; ri; al; ven; gar; do; fen; ix; lu; nor; sta; rek"
)

#: Words of synthetic forwarder, consolidator and haulier names.
LOGISTICS_WORDS = _words(
    "Pacific; Oriental; Golden Bridge; Trans-Euro; Global Link; Silk Road; Dragon; Unity;"
    " Horizon; Blue Ocean; Swift; Eastwind; Meridian; Sino-Euro; Harbour; Compass; Anchor;"
    " Northstar; Jade; Continental"
)
LOGISTICS_TYPES = _words(
    "Logistics; Freight; Shipping; Cargo; Supply Chain; Forwarding; Express; Transport"
)
#: Marketplace store names: adjectives, nouns, suffixes.
STORE_ADJ = _words(
    "Trendy; Luxe; Mega; Best; Happy; Smart; Top; Urban; Royal; Prime; Golden; Star;"
    " Cool; Lucky; Fancy; Elite; Super; Hot; Daily; Vogue"
)
STORE_NOUN = _words(
    "Kicks; Style; Fashion; Bags; Watch; Gadget; Beauty; Sport; Shoes; Deals; Closet; Wear;"
    " Trend; Buy; Jewel; Case; Scent; Sneaker; Time; Look"
)
STORE_SUFFIX = _words("Store; Shop; Outlet; Official Store; Boutique; Flagship Store; Global; Mall")

#: Placeholder values written where a field was required but unknown.
PLACEHOLDER_PHONES = _words("0000000; N/A; 00000000000; 123456; -; 000-000-0000")
PLACEHOLDER_EMAILS = _words("none@none.com; N/A; test@test.com; no@email.com; -; x@x.com")
PLACEHOLDER_ADDRESSES = _words("N/A; Unknown; -; same as consignee; xxx; NONE")

#: Free-mail domains (a red flag on a large company).
FREEMAIL_CN = _words("qq.com; 163.com; 126.com; sina.com; aliyun.com")
FREEMAIL_INTL = _words("gmail.com; hotmail.com; outlook.com; yahoo.com")
EU_FREEMAIL = _words("gmail.com; hotmail.com; outlook.com; gmx.de; web.de; orange.fr; libero.it")
EMAIL_LOCAL = _words("sales; info; export; service; trade; contact; office; admin; order")

# --- Goods -------------------------------------------------------------------------------

#: Goods categories: name, HS codes (6 digits), unit, genuine unit value in EUR, cost of
#: the fake per unit, weight among seizures, descriptions, generic descriptions.
CATEGORIES = (
    (
        "clothing",
        ("610910", "611020", "620342", "620462", "610510"),
        "pcs",
        45.0,
        3.5,
        27,
        _words("T-shirts; jeans; sweaters; jackets; sportswear; hoodies"),
        _words("clothes; garments; textile"),
    ),
    (
        "footwear",
        ("640411", "640399", "640299", "640419"),
        "pairs",
        110.0,
        8.0,
        19,
        _words("sports shoes; sneakers; running shoes; boots"),
        _words("shoes; footwear"),
    ),
    (
        "leather goods",
        ("420221", "420231", "420292", "420500"),
        "pcs",
        450.0,
        12.0,
        16,
        _words("handbags; wallets; belts; leather bags"),
        _words("bags; accessories"),
    ),
    (
        "watches",
        ("910211", "910111", "910221"),
        "pcs",
        600.0,
        15.0,
        5,
        _words("wrist watches; watches; smart watches"),
        _words("watch; accessories"),
    ),
    (
        "perfume and cosmetics",
        ("330300", "330499", "330410"),
        "pcs",
        70.0,
        2.5,
        6,
        _words("perfume; eau de toilette; lipstick; cosmetics"),
        _words("cosmetics; liquid"),
    ),
    (
        "toys",
        ("950300", "950490", "950691"),
        "pcs",
        30.0,
        2.0,
        6,
        _words("toys; dolls; plush toys; building blocks"),
        _words("toys; plastic goods"),
    ),
    (
        "mobile accessories",
        ("851830", "850440", "392690", "851762"),
        "pcs",
        40.0,
        1.5,
        6,
        _words("earphones; chargers; phone cases; cables"),
        _words("accessories; electronics"),
    ),
    (
        "labels and packaging",
        ("482110", "580710", "481920", "830990"),
        "pcs",
        2.0,
        0.05,
        4,
        _words("labels; woven labels; boxes; hang tags; stickers"),
        _words("paper; printed matter"),
    ),
    (
        "medicines",
        ("300490", "300420", "300439"),
        "pcs",
        25.0,
        0.5,
        3,
        _words("tablets; capsules; erectile dysfunction tablets; slimming pills"),
        _words("vitamins; health food"),
    ),
    (
        "cigarettes",
        ("240220",),
        "cartons",
        60.0,
        4.0,
        3,
        _words("cigarettes; tobacco products"),
        _words("paper; tea"),
    ),
    (
        "auto parts",
        ("870830", "842123", "851220", "870899"),
        "pcs",
        80.0,
        6.0,
        2,
        _words("brake pads; oil filters; headlamps; airbags"),
        _words("spare parts; parts"),
    ),
    (
        "sunglasses",
        ("900410",),
        "pcs",
        150.0,
        2.0,
        2,
        _words("sunglasses; eyewear"),
        _words("glasses; accessories"),
    ),
    (
        "jewellery",
        ("711719", "711311"),
        "pcs",
        180.0,
        1.5,
        1,
        _words("bracelets; earrings; necklaces"),
        _words("accessories; jewelry"),
    ),
)
#: Goods described generically on misdeclared or small parcels.
GENERIC_DESCRIPTIONS = _words(
    "gift; sample; gift items; samples; personal use; no commercial value"
)

#: Synthetic brands: brand, rights holder, the categories it is counterfeited in.
BRANDS = (
    ("Lunora", "Lunora S.A.", ("leather goods", "clothing", "perfume and cosmetics", "sunglasses")),
    ("Vexa", "Vexa Sports AG", ("footwear", "clothing")),
    ("Korvane", "Korvane Group SE", ("watches", "jewellery", "leather goods")),
    ("Altrix", "Altrix Inc.", ("mobile accessories",)),
    ("Miravel", "Miravel Parfums SAS", ("perfume and cosmetics",)),
    ("Zentora", "Zentora Athletics B.V.", ("footwear", "clothing")),
    ("Solvane", "Solvane Holding AG", ("watches", "sunglasses")),
    ("Quorra", "Quorra Toys GmbH", ("toys",)),
    ("Brivio", "Brivio S.p.A.", ("leather goods", "footwear", "clothing")),
    ("Nexol", "Nexol Electronics Ltd", ("mobile accessories",)),
    ("Valtri", "Valtri Pharma AG", ("medicines",)),
    ("Ombrel", "Ombrel Couture SAS", ("clothing", "leather goods", "perfume and cosmetics")),
    ("Castiva", "Castiva Tobacco Ltd", ("cigarettes",)),
    ("Ferroni", "Ferroni Automotive S.p.A.", ("auto parts",)),
    ("Pellatia", "Pellatia Maison SA", ("leather goods", "jewellery")),
    ("Rundle", "Rundle Outdoor Inc.", ("clothing", "footwear")),
    ("Tessaro", "Tessaro Moda S.r.l.", ("clothing", "leather goods")),
    ("Kivo", "Kivo Toys Ltd", ("toys",)),
    ("Aurevo", "Aurevo Health plc", ("medicines",)),
    ("Drakon", "Drakon Motor AG", ("auto parts",)),
)

# --- Routes ------------------------------------------------------------------------------

#: Sea entry ports: UN/LOCODE, country, customs office, weight (half of containers from
#: the main provenance economies enter via Rotterdam, Hamburg, Felixstowe or Antwerp).
SEA_PORTS = (
    ("NLRTM", "NL", "Rotterdam Maasvlakte", 20),
    ("DEHAM", "DE", "Hamburg Waltershof", 14),
    ("GBFXT", "GB", "Felixstowe", 10),
    ("BEANR", "BE", "Antwerpen Haven", 12),
    ("ESVLC", "ES", "Valencia Puerto", 7),
    ("ITGOA", "IT", "Genova Porto", 5),
    ("GRPIR", "GR", "Piraeus Port", 6),
    ("FRLEH", "FR", "Le Havre Port", 5),
    ("PLGDN", "PL", "Gdansk DCT", 4),
    ("SIKOP", "SI", "Koper Port", 3),
    ("ESALG", "ES", "Algeciras Puerto", 4),
    ("ITGIT", "IT", "Gioia Tauro Porto", 3),
)
#: Air entry airports: IATA code, country, customs office, weight.
AIRPORTS = (
    ("FRA", "DE", "Frankfurt Airport Cargo", 14),
    ("LEJ", "DE", "Leipzig/Halle Airport", 10),
    ("CGN", "DE", "Köln/Bonn Airport", 7),
    ("LGG", "BE", "Liège Airport", 10),
    ("BRU", "BE", "Brussels Airport", 5),
    ("AMS", "NL", "Schiphol Cargo", 10),
    ("CDG", "FR", "Roissy Charles de Gaulle Fret", 11),
    ("MXP", "IT", "Milano Malpensa Cargo", 7),
    ("MAD", "ES", "Madrid Barajas Carga", 6),
    ("LHR", "GB", "Heathrow Cargo", 7),
    ("EMA", "GB", "East Midlands Airport", 4),
    ("WAW", "PL", "Warszawa Okęcie Cargo", 3),
    ("VIE", "AT", "Wien Flughafen Cargo", 3),
    ("BUD", "HU", "Budapest Airport Cargo", 3),
)
#: Offices of exchange handling postal items, by country.
POSTAL_OFFICES: dict[str, str] = {
    "DE": "Frankfurt IPZ",
    "FR": "Roissy CTC",
    "IT": "Milano CMP Linate",
    "ES": "Madrid CTI Barajas",
    "NL": "Schiphol IMPC",
    "BE": "Brussel X",
    "PL": "Warszawa WER",
    "AT": "Wien Postzollamt",
    "CZ": "Praha Ruzyně Pošta",
    "PT": "Lisboa CTT Cabo Ruivo",
    "GB": "Heathrow Worldwide Distribution Centre",
    "IE": "Dublin Mail Centre",
    "SE": "Arlanda Postterminal",
    "DK": "København Postterminal",
    "GR": "Athina Postal Customs",
    "RO": "București Vama Poștală",
    "HU": "Budapest Nemzetközi Posta",
    "BG": "Sofia Mail Office",
}
#: Road and rail entry points: place, country, customs office, mode.
LAND_ENTRIES = (
    ("Kapitan Andreevo", "BG", "Kapitan Andreevo Border Crossing", "road"),
    ("Kipoi", "GR", "Kipoi Border Crossing", "road"),
    ("Horgos", "HU", "Röszke Border Crossing", "road"),
    ("Malaszewicze", "PL", "Małaszewicze Rail Terminal", "rail"),
    ("Duisburg", "DE", "Duisburg Rail Port", "rail"),
)
#: Departure ports and airports by origin country: sea port, airport.
ORIGIN_POINTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "CN": (("CNYTN", "CNNSA", "CNNGB", "CNSHA", "CNXMN"), ("CAN", "SZX", "PVG", "HGH", "XMN")),
    "HK": (("HKHKG",), ("HKG",)),
    "TR": (("TRMER", "TRAMB", "TRIZM"), ("IST", "SAW")),
    "AE": (("AEJEA",), ("DXB", "DWC")),
    "SG": (("SGSIN",), ("SIN",)),
    "IN": (("INNSA",), ("BOM", "DEL")),
    "VN": (("VNSGN",), ("SGN",)),
    "TH": (("THLCH",), ("BKK",)),
    "PK": (("PKKHI",), ("KHI",)),
    "US": (("USNYC",), ("JFK", "LAX")),
    "MA": (("MAPTM",), ("CMN",)),
    "EG": (("EGPSD",), ("CAI",)),
    "UA": (("UAODS",), ("KBP",)),
    "AL": (("ALDRZ",), ("TIA",)),
    "RS": (("RSBEG",), ("BEG",)),
    "KR": (("KRPUS",), ("ICN",)),
}
#: Transit hubs (pattern 3): country, sea port, airport, weight.
TRANSIT_HUBS = (
    ("HK", "HKHKG", "HKG", 38),
    ("AE", "AEJEA", "DXB", 26),
    ("SG", "SGSIN", "SIN", 16),
    ("AL", "ALDRZ", "TIA", 5),
    ("MA", "MAPTM", "CMN", 4),
    ("EG", "EGPSD", "CAI", 4),
    ("UA", "UAODS", "KBP", 3),
    ("RS", "RSBEG", "BEG", 4),
)
#: Synthetic shipping lines (container prefix) and airlines (code).
SHIPPING_LINES = (
    ("Orient Pacific Lines", "OPLU"),
    ("Sino-Euro Shipping", "SEUU"),
    ("Meridian Container Line", "MCLU"),
    ("Eastwind Maritime", "EWMU"),
    ("Golden Gate Carriers", "GGCU"),
)
AIRLINES = (
    ("Eastern Star Airways", "ES"),
    ("Pacific Cargo Air", "PC"),
    ("Silkwing Airlines", "SW"),
    ("Gulfline Cargo", "GL"),
    ("Eurasia Air Freight", "EA"),
)
DETECTION_METHODS = _words(
    "risk profile; x-ray; random check; intelligence; right holder alert; documentary check;"
    " sniffer dog"
)
#: Operation tags of joint operations some cases belong to.
OPERATIONS = _words("STOP II; FAKE STAR; OPSON; PANGEA; SILVER AXE; DEMETER")
