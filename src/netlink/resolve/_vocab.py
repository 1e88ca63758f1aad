"""Word lists the normalisers read: legal forms, industry words, places, road words, names.

Every list is data, parsed once at import. Lookups use *squashed* keys (lower-case ASCII
with spaces removed) so that "Co., Ltd", "CO.,LTD" and "Co Ltd", or "S.r.l." and "srl",
or "Guang Zhou" and "Guangzhou", hit the same entry whichever way the words are split.
"""

from __future__ import annotations

from typing import Final


def _table(text: str) -> list[list[str]]:
    """Rows of a ``|``-separated table; blank lines and ``#`` comments are skipped."""
    rows: list[list[str]] = []
    for line in text.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "|" not in line and rows:  # an indented continuation of the last cell
            rows[-1][-1] += " " + line
        else:
            rows.append([cell.strip() for cell in line.split("|")])
    return rows


def _words(text: str) -> list[str]:
    """Comma-separated entries of a block of text, each stripped of spaces."""
    return [w.strip() for w in text.replace("\n", ",").split(",") if w.strip()]


def _spaced(text: str) -> list[str]:
    """Whitespace-separated entries of a block of text."""
    return text.split()


def squash(text: str) -> str:
    """The lookup key of a phrase: lower case, spaces removed."""
    return text.lower().replace(" ", "")


# --- legal forms -------------------------------------------------------------------------
# canonical code | spellings (squashed before lookup, so dots and spaces do not matter).
# Chinese legal forms are listed in pinyin: the Chinese-character names reach this table
# after segmentation and conversion (有限公司 -> "youxiangongsi").
_LEGAL = """
ltd | ltd, limited, co ltd, co limited, company limited, company ltd, limited company,
    ltd co, corp ltd, pte ltd, pty ltd, pvt ltd, private limited, (pvt) ltd, pte, pty, pvt,
    youxiangongsi, youxian gongsi, youxianzerengongsi, gufenyouxiangongsi,
    youxian zeren gongsi, gufen youxian gongsi, ltda, lda, unipessoal lda
co | co, company, cie, compagnie, gongsi
corp | corp, corporation, corpn
inc | inc, incorporated
llc | llc, limited liability company, l l c
plc | plc, public limited company
llp | llp
gmbh | gmbh, gesellschaft mit beschrankter haftung, ges m b h, gesellschaft mbh, ges mbh, mbh
gmbhcokg | gmbh co kg, gmbh und co kg, gmbh u co kg, gmbh and co kg, gmbhcokg
kg | kg, kommanditgesellschaft
ag | ag, aktiengesellschaft
se | se, societas europaea
ug | ug, ug haftungsbeschrankt
ohg | ohg
ek | ek, e kfm
srl | srl, s r l, societa a responsabilita limitata, srls
sarl | sarl, societe a responsabilite limitee
eurl | eurl
sas | sas, sasu
spa | spa, societa per azioni
sa | sa, societe anonyme, sociedad anonima
sae | sae
sl | sl, slu, sociedad limitada
bv | bv, besloten vennootschap, bvba
vof | vof, vennootschap onder firma
nv | nv, naamloze vennootschap
spzoo | spzoo, sp z o o, spolka z ograniczona odpowiedzialnoscia, spolka zoo
sro | sro, spol s r o
as | as, asa, anonim sirketi, aktieselskab, aksjeselskap
aps | aps
ab | ab, aktiebolag
oy | oy, oyj
kft | kft
bt | bt
zrt | zrt, nyrt
doo | doo
dd | dd
shpk | shpk, sh p k
ood | ood, eood
ad | ad, ead
ae | ae
epe | epe
ike | ike
ltdsti | ltd sti, ltdsti, limited sirketi, ltd sirketi
ooo | ooo, obshchestvo s ogranichennoi otvetstvennostyu
zao | zao, oao, pao, jsc, pjsc, joint stock company
tov | tov
sdnbhd | sdn bhd, bhd, berhad, sendirian berhad
pt | pt, tbk
kk | kk, kabushikikaisha, kabushiki kaisha
fze | fze, fzco, fzc, fz llc, fzllc, fzeco, dmcc
wll | wll
cv | cv
"""

#: Squashed spelling -> canonical legal-form code.
LEGAL_FORMS: Final[dict[str, str]] = {}
for _code, _spellings in _table(_LEGAL):
    for _s in _words(_spellings):
        LEGAL_FORMS[squash(_s.replace("(", "").replace(")", ""))] = _code
    LEGAL_FORMS[_code] = _code  # the code itself reads back as the form (idempotence)

#: Forms also written before the name ("OOO Romashka", "PT Maju Jaya").
LEGAL_PREFIX_FORMS: Final[frozenset[str]] = frozenset({"ooo", "zao", "tov", "pt", "sarl", "cv"})

# --- industry words ----------------------------------------------------------------------
# Words describing what a firm does rather than who it is. They are dropped from the core
# because front companies rotate them ("Trading" today, "Technology" tomorrow). Listed in
# English, pinyin and the languages of the main source and destination countries.
_INDUSTRY = """
trading, trade, trader, traders, tradings, import, imports, importer, export, exports,
exporter, import export, imp exp, imp, exp, impexp, imex, ie, i e, imp and exp,
import and export, importing, exporting, industrial, industry, industries, ind, indl,
technology, technologies, tech, technical, techn, science, sci, sci tech, scitech,
e commerce, ecommerce, commerce, commercial, comm, e business, ebusiness, supply chain,
supply chain management, management, mgmt, supply, supplies, supplier, products, product,
prod, prods, goods, leather, leatherware, leather goods, leather products, garment,
garments, clothing, clothes, apparel, apparels, fashion, fashions, textile, textiles,
shoes, shoe, footwear, footwears, bag, bags, handbag, handbags, luggage, watch, watches,
jewelry, jewellery, accessories, accessory, cosmetics, cosmetic, toy, toys, electronics,
electronic, electrical, electric, electron, digital, hardware, manufacturing,
manufacture, manufacturer, manufactory, mfg, mfr, factory, works, international, intl,
int l, global, worldwide, group, grp, holdings, holding, enterprise, enterprises,
development, dev, logistics, logistic, freight, forwarding, shipping, express,
investment, investments, business, service, services, svc, solutions, solution, network,
information, info, sourcing, wholesale, wholesaler, retail, store, stores, shop, shops,
branch, office, craft, crafts, gift, gifts, packaging, printing, label, labels, plastic,
plastics, parts, auto parts, autoparts, sports, sport, sporting goods, outdoor,
household, daily necessities, department, dept, perfume, perfumes, optical, eyewear,
medical, pharmaceutical, pharma, tobacco, cigarettes, knitting, knitwear, weaving,
dyeing, handicraft, handicrafts, general merchandise, merchandise, merchandising,
distribution, distributor, distributors, agency, agent, agencies, import export trading,
maoyi, shangmao, gongmao, jingmao, jinchukou, shiye, keji, kejifazhan, jishu, xinxi,
wangluo, dianzishangwu, dianshang, dianzi, dianqi, gongyinglianguanli, gongyinglian,
guanli, wuliu, huoyun, daili, guoji, jituan, konggu, touzi, fazhan, zhizao, zhipin,
piju, pige, piye, xieye, xiangbao, fushi, fuzhuang, zhiyi, fangzhi, zhenzhi, gongyipin,
gongyi, lipin, wanju, huazhuangpin, zhongbiao, shoubiao, wujin, sujiao, suliao,
riyongpin, baihuo, shuma, guangdian, shangwu, fuwu, zixun, shanghang, jingyingbu, qiye,
yongpin, peijian, shipin, baozhuang, yinshua, qipei, yanjing, xiangshui, yiyao, yaoye,
yancao, fengongsi, zongbu,
sanayi, ticaret, dis ticaret, disticaret, ithalat, ihracat, ith, ihr,
san ve tic, san tic, pazarlama, tekstil, deri, ayakkabi, giyim, gida, handel, handels, vertrieb, versand,
textil, mode, schuhe, lederwaren, technik, logistik, spedition, grosshandel,
commercio, commerciale, moda, distribuzione, calzature, abbigliamento, negoce,
importation, exportation, importacion, exportacion, comercial, comercio, distribucion,
textiles, confecciones, handelsonderneming, groothandel,
merchant, merchants, glasses, sunglasses, cargo, transport, transports, transportation,
courier, couriers, parcel, parcels, parcel service, parcel services, hub, scs,
supply chain solutions, epacket, warehouse, warehousing, fulfillment, fulfilment,
marketplace, marketplaces, market place, online, online shop, online store, webshop,
web shop, eshop, e shop, official, official store, flagship, flagship store,
tic, ic ve dis ticaret, saat, kozmetik, konfeksiyon, oyuncak, elektronik, otomotiv,
lojistik, nakliyat, schuh, handelsgesellschaft, im und export, import und export,
distribuciones, importaciones, exportaciones, importadora, exportadora,
comercializadora, logistica, logistique, logistiek, importacao, exportacao,
importacao e exportacao, distribuicao, texteis, trasporti, spedizioni, distributie,
dystrybucja, logistyka, eksport, import eksport, hurtownia, obchod, velkoobchod,
distribuce, comert, kereskedelmi, divat, targoviya, emporiki
"""

#: Squashed industry words.
INDUSTRY_WORDS: Final[frozenset[str]] = frozenset(squash(w) for w in _words(_INDUSTRY))

# The industry words that name what a firm sells or carries (goods, a transport service),
# as opposed to the kind of business (trading, import-export, technology, store, group).
# After a single word that is not a Chinese trade name they stay in the core: "Marmara
# Deri" and "Marmara Tekstil", "Prime Shoes" and "Prime Bags", "Meridian Cargo" and
# "Meridian Freight" are different firms, whereas a Chinese trade name is unique on its
# own and rotates its industry words.
_SECTORS = """
leather, leatherware, leather goods, leather products, garment, garments, clothing,
clothes, apparel, apparels, fashion, fashions, textile, textiles, shoes, shoe, footwear,
footwears, bag, bags, handbag, handbags, luggage, watch, watches, jewelry, jewellery,
accessories, accessory, cosmetics, cosmetic, toy, toys, electronics, electronic,
electrical, electric, digital, hardware, craft, crafts, gift, gifts, packaging, printing,
label, labels, plastic, plastics, parts, auto parts, autoparts, sports, sport,
sporting goods, outdoor, household, perfume, perfumes, optical, eyewear, medical,
pharmaceutical, pharma, tobacco, cigarettes, knitting, knitwear, weaving, dyeing,
handicraft, handicrafts, glasses, sunglasses,
piju, pige, piye, xieye, xiangbao, fushi, fuzhuang, zhiyi, fangzhi, zhenzhi, gongyipin,
gongyi, lipin, wanju, huazhuangpin, zhongbiao, shoubiao, wujin, sujiao, suliao, riyongpin,
shuma, guangdian, dianzi, dianqi, peijian, shipin, baozhuang, yinshua, qipei, yanjing,
xiangshui, yiyao, yaoye, yancao,
tekstil, deri, ayakkabi, giyim, gida, saat, kozmetik, konfeksiyon, oyuncak, elektronik,
otomotiv, textil, mode, schuhe, schuh, lederwaren, moda, calzature, abbigliamento,
confecciones, texteis, divat,
logistics, logistic, freight, forwarding, shipping, express, cargo, transport,
transports, transportation, courier, couriers, parcel, parcels, supply chain, spedition,
logistik, lojistik, nakliyat, logistica, logistique, logistiek, logistyka, trasporti,
spedizioni, wuliu, huoyun
"""

#: Squashed industry words naming goods or a transport service (a subset of
#: :data:`INDUSTRY_WORDS`).
SECTOR_WORDS: Final[frozenset[str]] = frozenset(squash(w) for w in _words(_SECTORS))

#: Endings that make a compound an industry word ("Schuhhandel", "Modevertrieb"), or an
#: industry word glued to a name ("DHLExpress", "PrimeShoes"). Only endings that seldom
#: end an ordinary word: "sport" would split "passport".
INDUSTRY_SUFFIXES: Final[tuple[str, ...]] = (
    *("handel", "vertrieb", "versand", "technik", "trading", "textil", "shop", "store"),
    *("mode", "express", "logistics", "marketplace", "fashion", "shoes", "bags"),
)

#: Kinds of shop that end a store's name ("Cool Buy Boutique"): not a person's name, but
#: kept in the core, as they tell apart stores of one platform ("Top Beauty Shop" and
#: "Top Beauty Mall" are two sellers; "Store" and "Shop" are industry words).
STORE_WORDS: Final[frozenset[str]] = frozenset(
    {"boutique", "boutiques", "mall", "outlet", "outlets"}
)

#: Words without meaning of their own; dropped from the core, kept in the full text.
FILLER_WORDS: Final[frozenset[str]] = frozenset({"and", "the", "of", "und", "et", "ve", "for"})

#: Web domain endings removed from a name written as a web address ("Temu.com",
#: "Amazon.de", "Xinghui.com.cn"). Country domains that end ordinary abbreviations or
#: words ("it", "in", "at", "co") are left out.
WEB_SUFFIXES: Final[tuple[str, ...]] = tuple(
    _spaced("com net org biz info shop store online de fr nl pl es eu uk cn hk ru tr ae jp kr")
)

#: Forms of address before a person's name.
TITLES: Final[frozenset[str]] = frozenset(
    _words(
        "mr, mrs, ms, miss, mx, dr, prof, herr, frau, mme, mlle, sr, sra, srta, sig, sigra, "
        "signor, signora, madam, madame, sir, monsieur, messrs, attn, attention"
    )
)

# --- brands ------------------------------------------------------------------------------
# Express integrators, postal operators and marketplace platforms: the benign look-alikes
# of domain notes, written on thousands of records. canonical | spellings. A name that
# starts with one names that firm whatever follows ("DHL Hub Leipzig", "Amazon.de
# Marketplace"); former and legal names read as the brand ("Federal Express", "Whaleco").
_BRANDS = """
dhl | dhl
fedex | fedex, fed ex, federal express
ups | ups, united parcel service
tnt | tnt
usps | usps
dpd | dpd
aramex | aramex
sfexpress | sf express
yunexpress | yunexpress, yun express
cainiao | cainiao
chinapost | china post, chinapost
hongkongpost | hongkong post, hk post
postnl | postnl
royalmail | royal mail
laposte | la poste
deutschepost | deutsche post
aliexpress | aliexpress
alibaba | alibaba
amazon | amazon
ebay | ebay
temu | temu, whaleco
wish | contextlogic
dhgate | dhgate
shein | shein
etsy | etsy
joom | joom
wildberries | wildberries
lazada | lazada
shopee | shopee
zalando | zalando
"""

#: Squashed spelling -> canonical brand.
BRANDS: Final[dict[str, str]] = {
    squash(_s): _canon for _canon, _spellings in _table(_BRANDS) for _s in _words(_spellings)
}

# --- places ------------------------------------------------------------------------------
# canonical | kind | Chinese characters | other spellings | leading abbreviations
# kind is city, region (province or country) or district:<city> (a district belongs to
# one city; used to fill a missing city and to strip "Guangzhou Baiyun" as one place).
# Canonical names are joined pinyin (or the usual English form for Hong Kong).
_PLACES = """
guangzhou | city | 广州, 廣州 | canton, kwangchow | gz
shenzhen | city | 深圳 | shumchun | sz
dongguan | city | 东莞, 東莞 | tungkwun | dg
foshan | city | 佛山 | fatshan | fs
zhongshan | city | 中山 | |
zhuhai | city | 珠海 | |
huizhou | city | 惠州 | |
jiangmen | city | 江门 | |
shantou | city | 汕头 | swatow |
chaozhou | city | 潮州 | |
jieyang | city | 揭阳 | |
shanwei | city | 汕尾 | |
zhaoqing | city | 肇庆 | |
qingyuan | city | 清远 | |
shanghai | city | 上海 | | sh
beijing | city | 北京 | peking | bj
tianjin | city | 天津 | tientsin | tj
chongqing | city | 重庆 | chungking |
hangzhou | city | 杭州 | |
ningbo | city | 宁波, 寧波 | | nb
wenzhou | city | 温州, 溫州 | | wz
yiwu | city | 义乌, 義烏 | | yw
jinhua | city | 金华 | |
taizhou | city | 台州, 泰州 | |
shaoxing | city | 绍兴 | |
huzhou | city | 湖州 | |
jiaxing | city | 嘉兴 | |
suzhou | city | 苏州 | soochow |
nanjing | city | 南京 | nanking | nj
wuxi | city | 无锡 | |
changzhou | city | 常州 | |
nantong | city | 南通 | |
yangzhou | city | 扬州 | |
xiamen | city | 厦门, 廈門 | amoy | xm
quanzhou | city | 泉州 | | qz
jinjiang | city | 晋江 | |
shishi | city | 石狮 | |
putian | city | 莆田 | |
fuzhou | city | 福州 | foochow |
qingdao | city | 青岛 | tsingtao |
jinan | city | 济南 | |
yantai | city | 烟台 | |
linyi | city | 临沂 | |
zhengzhou | city | 郑州 | |
wuhan | city | 武汉 | |
changsha | city | 长沙 | |
chengdu | city | 成都 | |
shenyang | city | 沈阳 | |
dalian | city | 大连 | |
harbin | city | 哈尔滨 | haerbin |
kunming | city | 昆明 | |
nanning | city | 南宁 | |
hefei | city | 合肥 | |
nanchang | city | 南昌 | |
shijiazhuang | city | 石家庄 | |
hong kong | city | 香港 | hk, hongkong, xianggang, hksar, hong kong sar |
macau | city | 澳门, 澳門 | macao, aomen |
guangdong | region | 广东, 廣東 | kwangtung | gd
zhejiang | region | 浙江 | chekiang | zj
fujian | region | 福建 | fukien | fj
jiangsu | region | 江苏 | |
shandong | region | 山东 | |
hebei | region | 河北 | |
henan | region | 河南 | |
hubei | region | 湖北 | |
hunan | region | 湖南 | |
sichuan | region | 四川 | |
anhui | region | 安徽 | |
jiangxi | region | 江西 | |
guangxi | region | 广西 | |
yunnan | region | 云南 | |
liaoning | region | 辽宁 | |
shaanxi | region | 陕西 | |
shanxi | region | 山西 | |
jilin | region | 吉林 | |
heilongjiang | region | 黑龙江 | |
hainan | region | 海南 | |
guizhou | region | 贵州 | |
gansu | region | 甘肃 | |
xinjiang | region | 新疆 | |
taiwan | region | 台湾, 台灣, 臺灣 | |
kowloon | region | 九龙, 九龍 | |
new territories | region | 新界 | |
china | region | 中国, 中國 | zhongguo, prc, p r c, p r china, pr china, peoples republic of china, mainland china |
baiyun | district:guangzhou | 白云 | |
tianhe | district:guangzhou | 天河 | |
yuexiu | district:guangzhou | 越秀 | |
haizhu | district:guangzhou | 海珠 | |
liwan | district:guangzhou | 荔湾 | |
panyu | district:guangzhou | 番禺 | |
huadu | district:guangzhou | 花都 | |
nansha | district:guangzhou | 南沙 | |
conghua | district:guangzhou | 从化 | |
zengcheng | district:guangzhou | 增城 | |
huangpu | district: | 黄埔 | |
futian | district:shenzhen | 福田 | |
luohu | district:shenzhen | 罗湖 | |
nanshan | district:shenzhen | 南山 | |
baoan | district:shenzhen | 宝安 | |
longgang | district:shenzhen | 龙岗 | |
longhua | district:shenzhen | 龙华 | |
yantian | district:shenzhen | 盐田 | |
pingshan | district:shenzhen | 坪山 | |
guangming | district:shenzhen | 光明 | |
humen | district:dongguan | 虎门 | |
changan | district:dongguan | 长安 | |
houjie | district:dongguan | 厚街 | |
shunde | district:foshan | 顺德 | |
nanhai | district:foshan | 南海 | |
chancheng | district:foshan | 禅城 | |
choucheng | district:yiwu | 稠城 | |
licheng | district: | 荔城 | |
chengxiang | district:putian | 城厢 | |
hanjiang | district:putian | 涵江 | |
xiuyu | district:putian | 秀屿 | |
chendai | district:jinjiang | 陈埭 | |
siming | district:xiamen | 思明 | |
huli | district:xiamen | 湖里 | |
lucheng | district:wenzhou | 鹿城 | |
ouhai | district:wenzhou | 瓯海 | |
longwan | district:wenzhou | 龙湾 | |
yinzhou | district:ningbo | 鄞州 | |
beilun | district:ningbo | 北仑, 北侖 | |
haishu | district:ningbo | 海曙 | |
zhenhai | district:ningbo | 镇海, 鎮海 | |
jiangdong | district: | | |
beiyuan | district:yiwu | 北苑 | |
chenghai | district:shantou | 澄海 | |
longhu | district:shantou | 龙湖, 龍湖 | |
jinping | district:shantou | 金平 | |
haojiang | district:shantou | 濠江 | |
chaoyang | district: | | |
chaonan | district:shantou | 潮南 | |
fengze | district:quanzhou | 丰泽, 豐澤 | |
luojiang | district:quanzhou | 洛江 | |
quangang | district:quanzhou | 泉港 | |
dongcheng | district: | | |
tsim sha tsui | district:hong kong | 尖沙咀 | tst |
mong kok | district:hong kong | 旺角 | mongkok |
kwun tong | district:hong kong | 观塘, 觀塘 | |
kowloon bay | district:hong kong | 九龙湾, 九龍灣 | |
wan chai | district:hong kong | 湾仔, 灣仔 | |
central | district:hong kong | 中环, 中環 | |
sheung wan | district:hong kong | 上环, 上環 | |
causeway bay | district:hong kong | 铜锣湾, 銅鑼灣 | |
yau ma tei | district:hong kong | 油麻地 | |
sham shui po | district:hong kong | 深水埗 | |
kwai chung | district:hong kong | 葵涌 | |
tsuen wan | district:hong kong | 荃湾, 荃灣 | |
sha tin | district:hong kong | 沙田 | shatin |
tuen mun | district:hong kong | 屯门, 屯門 | |
yuen long | district:hong kong | 元朗 | |
san po kong | district:hong kong | 新蒲岗 | |
cheung sha wan | district:hong kong | 长沙湾, 長沙灣 | |
"""

PLACE_CITY: Final[str] = "city"
PLACE_REGION: Final[str] = "region"
PLACE_DISTRICT: Final[str] = "district"

#: Squashed spelling -> (canonical squashed name, kind).
PLACES: Final[dict[str, tuple[str, str]]] = {}
#: Squashed abbreviation -> canonical city; read only at the start of a name.
PLACE_ABBREVIATIONS: Final[dict[str, str]] = {}
#: District -> its city (absent when the district name occurs in several cities).
DISTRICT_CITY: Final[dict[str, str]] = {}
#: Chinese characters -> canonical squashed name, for segmenting Chinese text.
HAN_PLACES: Final[dict[str, str]] = {}
for _canon, _kind, _han, _other, _abbr in _table(_PLACES):
    _key = squash(_canon)
    _kind_name, _, _parent = _kind.partition(":")
    for _s in [_canon, *_words(_other)]:
        PLACES[squash(_s)] = (_key, _kind_name)
    for _s in _words(_abbr):
        PLACE_ABBREVIATIONS[_s] = _key
    for _s in _words(_han):
        HAN_PLACES[_s] = _key
    if _parent:
        DISTRICT_CITY[_key] = squash(_parent)

#: Country of every place in the table: Chinese but for Hong Kong, Macau and Taiwan (and
#: the Hong Kong districts and regions), to fill the country of an address that names
#: its place but not its country.
PLACE_COUNTRY: Final[dict[str, str]] = {
    canon: "CN" for canon, _ in PLACES.values() if canon != "china"
} | {"hongkong": "HK", "kowloon": "HK", "newterritories": "HK", "macau": "MO", "taiwan": "TW"}
PLACE_COUNTRY.update({d: "HK" for d, city in DISTRICT_CITY.items() if city == "hongkong"})

#: The Hong Kong qualifier of a sister company: "Xinghui (HK) Trading Limited".
HONG_KONG: Final[str] = "hongkong"

#: Abbreviations read as a place only when the record's country is one of these (or
#: unknown): "SZ" before a Hungarian firm's name is not Shenzhen.
ABBREVIATION_COUNTRIES: Final[frozenset[str]] = frozenset({"CN", "HK", "MO", "TW"})

# --- Chinese words in company names -----------------------------------------------------
# Segmenting a Chinese name: these words become the given token, other characters are
# grouped into runs and converted with pypinyin. Words are pinyin so that a name written
# in characters and the same name written in pinyin meet in the same vocabulary.
_HAN_NAME_WORDS = """
有限公司 youxiangongsi, 有限责任公司 youxianzerengongsi, 股份有限公司 gufenyouxiangongsi,
公司 gongsi, 分公司 fengongsi, 集团 jituan, 控股 konggu, 贸易 maoyi, 商贸 shangmao,
工贸 gongmao, 经贸 jingmao, 进出口 jinchukou, 实业 shiye, 科技 keji, 技术 jishu,
信息 xinxi, 网络 wangluo, 电子商务 dianzishangwu, 电商 dianshang, 电子 dianzi, 电器 dianqi,
供应链管理 gongyinglianguanli, 供应链 gongyinglian, 管理 guanli, 物流 wuliu, 货运 huoyun,
代理 daili, 国际 guoji, 投资 touzi, 发展 fazhan, 制造 zhizao, 制品 zhipin, 皮具 piju,
皮革 pige, 皮业 piye, 鞋业 xieye, 箱包 xiangbao, 服饰 fushi, 服装 fuzhuang, 制衣 zhiyi,
纺织 fangzhi, 针织 zhenzhi, 工艺品 gongyipin, 工艺 gongyi, 礼品 lipin, 玩具 wanju,
化妆品 huazhuangpin, 钟表 zhongbiao, 手表 shoubiao, 五金 wujin, 塑胶 sujiao, 塑料 suliao,
日用品 riyongpin, 百货 baihuo, 数码 shuma, 光电 guangdian, 商务 shangwu, 服务 fuwu,
咨询 zixun, 商行 shanghang, 经营部 jingyingbu, 企业 qiye, 用品 yongpin, 配件 peijian,
饰品 shipin, 食品 shipin, 包装 baozhuang, 印刷 yinshua, 汽配 qipei, 眼镜 yanjing,
香水 xiangshui, 医药 yiyao, 药业 yaoye, 烟草 yancao, 总部 zongbu, 厂 factory, 店 shop,
株式会社 kabushikikaisha, 市 shi, 省 sheng, 区 qu,
貿易 maoyi, 實業 shiye, 電子 dianzi, 國際 guoji, 進出口 jinchukou, 集團 jituan, 廠 factory,
製品 zhipin, 服飾 fushi, 鞋業 xieye, 電子商務 dianzishangwu, 網絡 wangluo, 資訊 zixun,
發展 fazhan, 投資 touzi, 貨運 huoyun, 供應鏈 gongyinglian, 禮品 lipin, 鐘錶 zhongbiao,
塑膠 sujiao, 紡織 fangzhi, 針織 zhenzhi, 電器 dianqi, 數碼 shuma, 商務 shangwu, 服務 fuwu,
諮詢 zixun, 企業 qiye, 分公司 fengongsi, 區 qu
"""

#: Chinese word -> token, for names.
HAN_NAME_WORDS: Final[dict[str, str]] = {
    **HAN_PLACES,
    **dict(w.split() for w in _words(_HAN_NAME_WORDS)),
}

#: Administrative suffixes after a place in a Chinese name (广州市 = Guangzhou City): the
#: pinyin forms are dropped after a place, as in "Guangzhou Shi Xinghui".
ADMIN_SUFFIXES: Final[frozenset[str]] = frozenset({"shi", "sheng", "qu", "city", "district"})

# --- personal names ----------------------------------------------------------------------
# The 100 commonest Chinese surnames in order of frequency (Ministry of Public Security
# ranking), with the surname reading where it differs from the everyday one (曾 zeng,
# 覃 qin), then further surnames common in trade records and the compound surnames.
_HAN_SURNAMES = """
王 wang, 李 li, 张 zhang, 刘 liu, 陈 chen, 杨 yang, 黄 huang, 赵 zhao, 吴 wu, 周 zhou,
徐 xu, 孙 sun, 马 ma, 朱 zhu, 胡 hu, 郭 guo, 何 he, 高 gao, 林 lin, 罗 luo, 郑 zheng,
梁 liang, 谢 xie, 宋 song, 唐 tang, 许 xu, 韩 han, 冯 feng, 邓 deng, 曹 cao, 彭 peng,
曾 zeng, 肖 xiao, 田 tian, 董 dong, 袁 yuan, 潘 pan, 于 yu, 蒋 jiang, 蔡 cai, 余 yu,
杜 du, 叶 ye, 程 cheng, 苏 su, 魏 wei, 吕 lv, 丁 ding, 任 ren, 沈 shen, 姚 yao, 卢 lu,
姜 jiang, 崔 cui, 钟 zhong, 谭 tan, 陆 lu, 汪 wang, 范 fan, 金 jin, 石 shi, 廖 liao,
贾 jia, 夏 xia, 韦 wei, 付 fu, 方 fang, 白 bai, 邹 zou, 孟 meng, 熊 xiong, 秦 qin,
邱 qiu, 江 jiang, 尹 yin, 薛 xue, 闫 yan, 段 duan, 雷 lei, 侯 hou, 龙 long, 史 shi,
陶 tao, 黎 li, 贺 he, 顾 gu, 毛 mao, 郝 hao, 龚 gong, 邵 shao, 万 wan, 钱 qian,
严 yan, 覃 qin, 武 wu, 戴 dai, 莫 mo, 孔 kong, 向 xiang, 汤 tang,
傅 fu, 洪 hong, 庄 zhuang, 温 wen, 关 guan, 麦 mai, 邝 kuang, 卓 zhuo, 詹 zhan,
欧 ou, 施 shi, 阮 ruan, 伍 wu, 柯 ke, 倪 ni, 翟 zhai, 单 shan, 区 ou, 仇 qiu, 解 xie,
查 zha, 朴 piao, 赖 lai, 常 chang, 欧阳 ouyang, 司马 sima, 诸葛 zhuge, 上官 shangguan, 司徒 situ,
張 zhang, 劉 liu, 陳 chen, 楊 yang, 黃 huang, 趙 zhao, 吳 wu, 許 xu, 孫 sun, 馬 ma,
羅 luo, 鄭 zheng, 謝 xie, 韓 han, 馮 feng, 鄧 deng, 蕭 xiao, 葉 ye, 蘇 su, 盧 lu, 鍾 zhong,
譚 tan, 陸 lu, 關 guan, 麥 mai, 鄺 kuang, 區 ou, 莊 zhuang, 溫 wen, 錢 qian, 龍 long,
賴 lai, 歐陽 ouyang, 黎 li
"""

#: Chinese surname characters -> pinyin, in frequency order (first = commonest).
HAN_SURNAMES: Final[dict[str, str]] = dict(w.split() for w in _words(_HAN_SURNAMES))

#: Pinyin surname -> frequency rank (0 = commonest): decides which token of an unordered
#: name is the surname when both could be.
SURNAME_RANK: Final[dict[str, int]] = {}
for _i, _p in enumerate(HAN_SURNAMES.values()):
    SURNAME_RANK.setdefault(_p, _i)

# Romanisations of Chinese surnames other than pinyin: Hong Kong and Macau (Cantonese),
# Taiwan and older texts (Wade-Giles), Southeast Asia (Hokkien, Teochew). Each maps to the
# pinyin surnames it can stand for, the likelier first. Several are ambiguous:
#   Wong is 黄 Huang (the commonest Hong Kong surname) or 王 Wang;
#   Ng is 吴 Wu or 黄 Huang (Hokkien); Chang is 张 Zhang or 常 Chang; Cheng is 程 Cheng or
#   郑 Zheng (Cantonese); Tang is 唐 Tang or 邓 Deng; Kong is 孔 Kong or 江 Jiang; Lai is 赖 Lai
#   or 黎 Li.
# A spelling that is itself a pinyin surname reads as that surname first (mainland records
# dominate), except Chang, far more often 张 in Taiwan and older spellings than 常.
# The first reading goes into the person key; the others into its alternatives, so that a
# blocking step can still bring "Wong Ka Wai" and "Wang Ka Wai" together.
_SURNAME_VARIANTS = """
cheung, cheong, chong, teo | zhang
chang | zhang, chang
wong, vong | huang, wang
hwang, oei, ooi | huang
ng, eng | wu, huang
woo, goh | wu
chan | chen
lee | li
lai | lai, li
lau, lao, low | liu
chow, chau, chou, chew | zhou
chiu, chao, chio | zhao
ho, hoh | he
kwok, kuo, kok, quek | guo
cheng | cheng, zheng
lam, lim, lum | lin
yeung, yeong, yong | yang
leung, leong, liong | liang
tse, tsia, sia | xie
tsui, hsu, hsui | xu
tsoi, choi, tsai, chua | cai
fung, fong | feng
tang | tang, deng
teng | deng
tong | tang
so, soh | su
mak | mai
siu, hsiao | xiao
yip, yap, yeh | ye
kwan, kuan | guan
law | luo
lo, loh | luo, lu
kong | kong, jiang
chiang, keung | jiang
tsang, tseng | zeng
chu, choo | zhu
wu | wu
hsieh | xie
kao, ko | gao
tsao, cho | cao
sung | song
chien, chin | qian
szeto, seto | situ
au yeung, auyeung, ouyang | ouyang
chung, choong | zhong
tam | tan
suen | sun
hon | han
ngai | wei
tin | tian
hui | xu
to | du
pang | peng
yuen | yuan
poon, phua | pan
yu, yue | yu
tung | dong
"""

#: Romanised surname -> pinyin readings (likeliest first). Pinyin surnames map to
#: themselves; variants map to the classes above.
SURNAME_READINGS: Final[dict[str, tuple[str, ...]]] = {p: (p,) for p in SURNAME_RANK}
for _variants, _readings in _table(_SURNAME_VARIANTS):
    for _v in _words(_variants):
        SURNAME_READINGS[squash(_v)] = tuple(_words(_readings))

# Common given names and surnames of the source, transit and destination countries of
# domain notes, folded to ASCII: the evidence that a short name without a legal form or
# industry word is a person ("Anna Kowalski", "Hatice Cetin") and not a store or a trade
# name ("Golden Star", "Lucky Jewel"). Names that are as often ordinary words of company
# names (Rose, Grace, Star, Green, Wood, King) are left out.
_GIVEN_NAMES = """
de at ch: thomas michael andreas stefan christian peter klaus wolfgang jurgen juergen
    frank markus martin matthias alexander sebastian daniel tobias lukas felix jonas
    maximilian paul leon florian dirk uwe ralf jens anna maria ursula monika petra
    sabine susanne andrea claudia birgit stefanie julia katharina sarah laura lena lea
    hannah sophie emma mia nina heike karin renate gabriele brigitte sigrid ingrid jorg
    joerg dieter horst helmut bernd holger kai sven tim tom katrin kerstin anja silke
fr be: jean pierre michel philippe alain nicolas francois laurent julien antoine
    louis hugo lucas marie nathalie isabelle sylvie catherine camille chloe manon claire
    celine aurelie juliette theo simon mathieu baptiste clement remi yves eric marc luc
    koen joris stijn wout jef els inge lieve
it: marco giuseppe giovanni antonio mario luigi francesco alessandro luca matteo davide
    lorenzo paolo roberto stefano giulia francesca chiara sara elena valentina
    alessandra federica silvia
es pt: jose juan manuel francisco david javier carlos miguel pablo alejandro sergio
    jorge luis carmen ana isabel lucia marta cristina paula sofia pilar joao pedro
    tiago rui nuno ricardo paulo andre joana ines beatriz mariana catarina rita
    margarida
nl: jan pieter johannes kees willem henk bram daan thijs joost sander ruben anouk
    sanne lisa fleur eva femke lotte marieke ruud bas gert wim noor
pl cz: piotr krzysztof andrzej tomasz pawel marcin michal jakub kamil lukasz
    katarzyna malgorzata agnieszka barbara ewa magdalena joanna zofia jiri petr pavel
    tomas josef jana hana lucie veronika tereza
nordic: erik lars anders johan nils karl mikkel soren astrid mette kirsten freja
gr ro hu bg: giorgos georgios dimitris nikos kostas giannis ioannis christos
    panagiotis eleni katerina dimitra andrei alexandru mihai ion florin gheorghe vasile ioana
    andreea mihaela laszlo istvan jozsef zoltan janos gabor erzsebet katalin ilona
    zsuzsanna georgi ivan dimitar nikolay petar stoyan ivanka yordanka desislava
gb ie us: john james robert william richard mark george jack oliver harry sean
    patrick mary emily jessica olivia elizabeth jennifer susan margaret helen karen
    rachel siobhan gary ryan liam conor ciaran niamh aoife ciara sinead
tr: mehmet mustafa ahmet ali huseyin hasan ibrahim ismail osman yusuf murat omer
    ramazan halil suleyman abdullah mahmut recep emre burak serkan kemal cem gokhan
    fatma ayse emine hatice zeynep elif meryem zehra ozlem esra merve
ar: mohamed mohammed muhammad ahmed ahmad omar hassan hussein khaled khalid youssef
    karim mahmoud fatima aisha amina mariam layla nour
in pk: raj rahul amit sanjay vijay ravi suresh ramesh anil sunil arjun rohit deepak
    priya anjali pooja neha sunita imran asif bilal usman ayesha
vn: anh minh tuan linh thanh huong
"""
_SURNAMES = """
de at ch: muller mueller schmidt schneider fischer weber meyer meier wagner becker
    schulz hoffmann schafer koch bauer richter schroder neumann schwarz zimmermann
    braun kruger hofmann hartmann lange schmitt werner krause lehmann kaiser maier mayer
    kohler koehler weiss keller huber
fr be: bernard dubois durand leroy moreau lefebvre lefevre fournier morel girard
    mercier dupont lambert bonnet fontaine chevalier rousseau maes janssens peeters
    jacobs mertens willems claes goossens wouters
it: rossi russo ferrari esposito bianchi romano colombo ricci marino greco conti
    mancini giordano rizzo lombardi moretti bruno gallo costa
es pt: garcia rodriguez gonzalez fernandez lopez martinez sanchez perez gomez
    jimenez ruiz hernandez diaz moreno alvarez romero alonso gutierrez navarro torres
    silva santos ferreira pereira oliveira rodrigues martins sousa fernandes goncalves
    marques alves almeida ribeiro carvalho
nl: jong vries berg dijk bakker janssen jansen visser smit meijer groot mulder dekker
    brouwer hendriks boer
pl cz: nowak kowalski wisniewski wojcik kowalczyk kaminski lewandowski zielinski
    szymanski wozniak dabrowski kozlowski jankowski mazur kwiatkowski krawczyk
    novak svoboda novotny dvorak cerny prochazka kucera
nordic: andersson johansson karlsson nilsson eriksson larsson olsson persson
    svensson jensen nielsen hansen pedersen andersen christensen larsen sorensen
gr ro hu bg: papadopoulos papadakis pappas georgiou nikolaou oikonomou dimitriou
    ioannou popescu ionescu popa constantin dumitru stoica munteanu nagy kovacs toth
    szabo horvath varga molnar nemeth farkas ivanov georgiev dimitrov petrov nikolov
    hristov stoyanov todorov
gb ie us: smith jones williams taylor davies evans wilson johnson roberts robinson
    thompson wright walker edwards hughes harris lewis jackson clarke clark obrien
    murphy kelly byrne walsh ryan oconnor doyle mccarthy gallagher
tr: yilmaz kaya demir sahin celik yildiz yildirim ozturk aydin ozdemir arslan dogan
    kilic aslan cetin ozkan simsek
ar in pk: hussain khan kumar singh sharma patel gupta reddy mehta verma
vn: nguyen tran pham hoang huynh phan dang bui duong
"""


def _names(text: str) -> frozenset[str]:
    """The names of a list grouped by "countries:" labels (continuation lines indented)."""
    return frozenset(w for line in text.splitlines() for w in line.split(":", 1)[-1].split())


#: Given names (folded ASCII).
GIVEN_NAMES: Final[frozenset[str]] = _names(_GIVEN_NAMES)
#: Surnames other than Chinese ones (folded ASCII); Chinese surnames are in
#: :data:`SURNAME_READINGS`.
SURNAMES: Final[frozenset[str]] = _names(_SURNAMES)

#: Particles inside personal names ("Jan de Vries", "Sanne van den Berg", "Ali bin Omar").
NAME_PARTICLES: Final[frozenset[str]] = frozenset(
    _spaced("van von der den de da di del della dos das du le la ten ter bin ibn al el")
)

# --- pinyin ------------------------------------------------------------------------------
# Standard Mandarin syllables (toneless, ü written v) as pypinyin writes them, without
# interjections (m, n, ng, hm) and rare readings that collide with English or Cantonese
# spellings (wong, bong, den, len).
PINYIN_SYLLABLES: Final[frozenset[str]] = frozenset(
    _spaced(
        """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai
    can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua
    chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de
    dei deng di dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan
    fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan
    guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui
    hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao
    ke ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng
    li lia lian liang liao lie lin ling liu long lou lu luan lun luo lv lve lue ma mai man
    mang mao mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei
    nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve nue o ou pa pai
    pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie
    qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru ruan rui run
    ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou
    shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan
    tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei
    wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang
    yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha
    zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun
    zhuo zi zong zou zu zuan zui zun zuo
    """
    )
)

# --- placeholders ------------------------------------------------------------------------
#: Squashed texts that stand for "no value" in names and addresses. "To order" is the
#: consignee of a negotiable bill of lading, not a party.
PLACEHOLDERS: Final[frozenset[str]] = frozenset(
    squash(w)
    for w in _words(
        """
        na, n a, none, null, nil, nan, unknown, unkown, not known, tba, tbc, tbd,
        not available, not applicable, no name, noname, anonymous, test, dummy, various,
        to order, to the order, to order of shipper, same as consignee, same as above,
        same as shipper, same as consignor, as above, see above, private, private person,
        no address, not provided, not given, undefined, unbekannt, inconnu, sconosciuto,
        desconocido, keine angabe, xx, xxx, xxxx, 0, 00, 000
        """
    )
)

# --- addresses ---------------------------------------------------------------------------
# Address words -> (role, canonical). Roles: unit, floor, block (building id before its
# value), no (house number), road (road type), dir (direction before a road type), bld
# (named building type after its name), district, city, region (keywords after a name),
# ord (road ordinal in pinyin), stop (ignored).
_ADDRESS_WORDS = """
unit | room, rm, rms, unit, flat, flt, suite, ste, apt, apartment, shop, office
floor | floor, fl, flr, level, lvl, storey, lou, ceng, etage, kat
block | block, blk, blck, tower, twr, phase, ph, wing
no | no, nr, number, num, nummer, numero
road:rd | road, rd, lu
road:st | street, st, jie, str, strasse, strase, straat, ulica, ul, ulitsa, gata, gatan, gade,
    gate, gaten, straede, sokak, sokagi, sok
road:ave | avenue, ave, av, avda, avenida, dadao, cadde, caddesi, cad
road:blvd | boulevard, blvd, bd, bvd, bulvar, bulvari
road:ln | lane, ln, xiang, nong, alley, hutong, gasse
road:dr | drive, dr
road:hwy | highway, hwy, expressway, gonglu
road:way | way, weg, vej, vejen, vei, veien, veg, vegen, vag, vagen
road:sq | square, sq, platz, plein, piazza, pza, torv, torvet, torg, torget, plads, plass
road:rue | rue
road:via | via, viale
road:calle | calle, carrer, rua
road:ch | chemin
road:rte | route, rte
road:allee | allee, laan
road:cres | crescent, cres
road:ring | ring
road:damm | damm, dijk, kade, gracht, ufer
dir:e | east, e, dong
dir:w | west, w, xi
dir:s | south, s, nan
dir:n | north, n, bei
dir:m | middle, mid, zhong
bld:bldg | building, bldg, bld, bldgs, dasha, dalou, mansion, mansions, tower, house
bld:plaza | plaza, guangchang
bld:ctr | centre, center, ctr, cntr, zhongxin
bld:ind | industrial park, industrial zone, industrial estate, industrial area, ind park,
    ind zone, gongyeyuan, gongyequ, industrial city, science park, keji yuan, kejiyuan,
    technology park, tech park, development zone, kaifaqu, free trade zone, ftz
bld:mall | mall, shangcheng, trade city, market, shichang
bld:gdn | garden, gardens, gdn, gdns, huayuan
bld:est | estate, xiaoqu, community, residence
bld:vil | village, cun, vill
bld:ibldg | industrial building, ind bldg, ind building, factory building
bld:cbldg | commercial building, comm bldg, commercial centre, commercial center
district | district, dist, qu, county, town, zhen, township, subdistrict, jiedao,
    new district, xinqu, borough, mahalle, mahallesi, mah
city | city, shi, municipality
region | province, prov, sheng, autonomous region, state
stop | of, the, and, at, in, c o, care of, attn
ord:1 | yi
ord:2 | er
ord:3 | san
ord:4 | si
ord:5 | wu
ord:6 | liu
ord:7 | qi
ord:8 | ba
ord:9 | jiu
"""

#: Squashed address word -> (role, canonical form).
ADDRESS_WORDS: Final[dict[str, tuple[str, str]]] = {}
for _role, _spellings in _table(_ADDRESS_WORDS):
    _r, _, _canon = _role.partition(":")
    for _s in _words(_spellings):
        # First listing wins: "tower" is a block word before its value ("Tower 2") and a
        # building type after a name ("Xinghui Tower"); the parser decides by position.
        ADDRESS_WORDS.setdefault(squash(_s), (_r, _canon or squash(_s)))

#: Named-building types that also introduce an id ("Tower 2", "Building 3").
BUILDING_ID_WORDS: Final[frozenset[str]] = frozenset({"tower", "building", "bldg", "house"})

#: Compound endings of German, Dutch and Nordic street names ("Hauptstraße", "Kerkstraat",
#: "Drottninggatan", "Vestergade", "Strandvejen"), split off and then read as road words.
#: Longer endings first ("strasse" before "str", "gatan" before "gata").
ROAD_SUFFIXES: Final[tuple[str, ...]] = (
    *("strasse", "strase", "straat", "str", "weg", "gasse", "allee", "laan", "platz"),
    *("plein", "gracht", "damm", "gatan", "gata", "gade", "vejen", "vej", "veien", "vagen"),
    *("straede", "torget", "torvet", "torv", "plads"),
)

# Chinese address words, rewritten before segmentation. Directions are only read right
# before a road word (中山东路 = Zhongshan East Road; 东风路 = Dongfeng Road).
_HAN_ADDRESS_WORDS = """
省 province, 市 city, 区 district, 县 county, 镇 town, 乡 township, 街道 subdistrict,
村 village, 路 road, 街 street, 大道 avenue, 道 road, 巷 lane, 弄 lane, 公路 highway,
东路 east road, 西路 west road, 南路 south road, 北路 north road, 中路 middle road,
东街 east street, 西街 west street, 南街 south street, 北街 north street, 中街 middle street,
东大道 east avenue, 西大道 west avenue, 南大道 south avenue, 北大道 north avenue,
一路 1 road, 二路 2 road, 三路 3 road, 四路 4 road, 五路 5 road, 六路 6 road, 七路 7 road,
八路 8 road, 九路 9 road, 十路 10 road, 一街 1 street, 二街 2 street, 三街 3 street,
大厦 building, 大楼 building, 中心 centre, 广场 plaza, 花园 garden, 小区 estate,
工业区 industrial zone, 工业园 industrial park, 科技园 science park, 开发区 development zone,
商城 mall, 市场 market, 商贸城 trade city, 国际商贸城 trade city, 中国 china
"""

#: Chinese word -> replacement text, for addresses (places come from the place table).
HAN_ADDRESS_WORDS: Final[dict[str, str]] = {
    **HAN_PLACES,
    **{w.split(maxsplit=1)[0]: w.split(maxsplit=1)[1] for w in _words(_HAN_ADDRESS_WORDS)},
}

# Countries named at the end of addresses: squashed name -> ISO alpha-2. Mostly the
# provenance, transit and destination countries of the trade (domain notes).
_COUNTRY_NAMES = """
CN | china, prc, p r c, p r china, pr china, peoples republic of china,
    people s republic of china, mainland china
HK | hong kong sar, hksar, hong kong s a r
MO | macau sar, macao
TW | taiwan, roc
DE | germany, deutschland, federal republic of germany, brd
NL | netherlands, the netherlands, holland, nederland
BE | belgium, belgique, belgie
FR | france
IT | italy, italia
ES | spain, espana
PT | portugal
PL | poland, polska
CZ | czech republic, czechia
AT | austria, osterreich
CH | switzerland, schweiz, suisse
GB | united kingdom, uk, great britain, england, scotland, wales
IE | ireland
DK | denmark, danmark
SE | sweden, sverige
FI | finland
NO | norway, norge
GR | greece
HU | hungary
RO | romania
BG | bulgaria
TR | turkey, turkiye
AE | united arab emirates, uae, u a e, dubai
SG | singapore
US | united states, usa, u s a, united states of america
MY | malaysia
TH | thailand
VN | vietnam, viet nam
IN | india
PK | pakistan
AL | albania
EG | egypt
UA | ukraine
MA | morocco
RU | russia, russian federation
"""

#: Squashed country name -> ISO alpha-2.
COUNTRY_NAMES: Final[dict[str, str]] = {}
for _iso, _names in _table(_COUNTRY_NAMES):
    for _n in _words(_names):
        COUNTRY_NAMES[squash(_n)] = _iso

#: Countries and regions named as qualifiers in company names ("DHL Express (Germany)
#: GmbH", "UPS Europe SRL", "Amazon EU"): squashed name -> canonical name (the first
#: English name of the country). Names that are as often a surname or another country's
#: abbreviation ("Holland", "ROC", "BRD") are left out.
NAME_REGIONS: Final[dict[str, str]] = {
    **{
        squash(_n): squash(_words(_names)[0])
        for _iso, _names in _table(_COUNTRY_NAMES)
        for _n in _words(_names)
        if squash(_n) not in {"holland", "roc", "brd"}
    },
    **{
        squash(_n): squash(_canon)
        for _canon, _spellings in _table(
            """
            europe | europe, europa, eu, european union
            asia | asia, asia pacific, apac
            emea | emea
            benelux | benelux
            nordic | nordic, nordics, scandinavia
            middle east | middle east
            america | america, americas, north america, latin america
            """
        )
        for _n in _words(_spellings)
    },
}


# --- e-mail ------------------------------------------------------------------------------
#: Free-mail domains: a large company writing from one is a red flag (domain notes).
FREEMAIL_DOMAINS: Final[frozenset[str]] = frozenset(
    _words(
        """
        qq.com, vip.qq.com, foxmail.com, 163.com, vip.163.com, 126.com, vip.126.com,
        yeah.net, 188.com, sina.com, sina.cn, vip.sina.com, sohu.com, 139.com, 189.cn,
        wo.cn, aliyun.com, tom.com, 21cn.com, gmail.com, googlemail.com, hotmail.com,
        outlook.com, live.com, msn.com, icloud.com, me.com, mac.com, aol.com, protonmail.com,
        proton.me, pm.me, gmx.com, gmx.net, gmx.de, gmx.at, gmx.ch, web.de, t-online.de,
        freenet.de, mail.com, email.com, yandex.com, yandex.ru, ya.ru, mail.ru, bk.ru, list.ru,
        inbox.ru, rambler.ru, ukr.net, i.ua, naver.com, daum.net, hanmail.net, rediffmail.com,
        zoho.com, tutanota.com, libero.it, virgilio.it, tiscali.it, alice.it, orange.fr,
        wanadoo.fr, free.fr, laposte.net, sfr.fr, seznam.cz, wp.pl, o2.pl, onet.pl,
        interia.pl, abv.bg, hushmail.com, netvigator.com, yahoo.com.hk, hinet.net
        """
    )
)

#: Free-mail providers with a domain per country ("yahoo.co.uk", "hotmail.fr").
FREEMAIL_BRANDS: Final[frozenset[str]] = frozenset(
    {"yahoo", "ymail", "hotmail", "outlook", "live", "gmx", "yandex", "aol", "rocketmail"}
)

#: Providers that ignore dots in the local part and read "+tag" as a sub-address.
DOTLESS_MAIL: Final[frozenset[str]] = frozenset({"gmail.com", "googlemail.com"})
#: Providers reading "+tag" as a sub-address.
PLUS_TAG_MAIL: Final[frozenset[str]] = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "icloud.com",
        "protonmail.com",
        "proton.me",
        "fastmail.com",
        "yandex.ru",
        "yandex.com",
    }
)

#: Local parts and domains that stand for "no e-mail".
EMAIL_PLACEHOLDER_LOCALS: Final[frozenset[str]] = frozenset(
    _words(
        "none, no, na, n.a, noemail, no.email, no-email, nomail, no-mail, null, nil, test, "
        "xxx, xx, x, unknown, dummy, asdf, noreply, no-reply, donotreply"
    )
)
EMAIL_PLACEHOLDER_DOMAINS: Final[frozenset[str]] = frozenset(
    _words(
        "none.com, no.com, na.com, noemail.com, nomail.com, null.com, test.com, xxx.com, "
        "example.com, example.org, example.net, email.email, domain.com, unknown.com, "
        "a.com, abc.com, asdf.com, mail.mail"
    )
)

# --- websites ----------------------------------------------------------------------------
#: Query parameters that identify a marketplace store or seller (kept in the key).
STORE_QUERY_KEYS: Final[frozenset[str]] = frozenset(
    _words(
        "seller, sellerid, seller_id, me, shop_id, shopid, store_id, storeid, storeId, "
        "userid, user_id, uid, merchant, merchantid, merchant_id, id, item_id, itemid"
    )
)

# --- tax identifiers ---------------------------------------------------------------------
#: ISO 3166 numeric code -> alpha-2, for the member state inside an IOSS number
#: (IM + 3-digit state + 7 digits).
IOSS_STATES: Final[dict[str, str]] = {
    "040": "AT", "056": "BE", "100": "BG", "191": "HR", "196": "CY", "203": "CZ",
    "208": "DK", "233": "EE", "246": "FI", "250": "FR", "276": "DE", "300": "GR",
    "348": "HU", "372": "IE", "380": "IT", "428": "LV", "440": "LT", "442": "LU",
    "470": "MT", "528": "NL", "616": "PL", "620": "PT", "642": "RO", "703": "SK",
    "705": "SI", "724": "ES", "752": "SE", "900": "XI",
}  # fmt: skip

#: Prefixes of EORI and VAT numbers: EU member states (Greece writes EL), GB, XI
#: (Northern Ireland) and a few non-EU customs administrations issuing EORIs.
EORI_PREFIXES: Final[frozenset[str]] = frozenset(
    _spaced(
        """
        AT BE BG HR CY CZ DK EE FI FR DE EL GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE
        GB XI CH NO TR
        """
    )
)
