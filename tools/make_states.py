"""Generate ontology/gazetteer/states.tsv (maintainers only; the generated file is committed).

Codes and official names come from pycountry; the common short name, capitals, seats of power, demonyms,
extra aliases and Wikidata ids are curated by hand in the table below. Edit the table, then run
``python tools/make_states.py`` and review the diff.

Table columns (``;``-separated): ISO3; common name; capital; demonym adjectives; demonym plurals; Wikidata id;
extra aliases; seats of power. Lists inside a column are ``|``-separated. A trailing ``?`` on a form marks it
as shared with another state: it is still looked up, but the other state is preferred for it.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pycountry

UN_MEMBERS = """
AFG;Afghanistan;Kabul;Afghan;Afghans;Q889;Islamic Republic of Afghanistan|Islamic Emirate of Afghanistan;
ALB;Albania;Tirana;Albanian;Albanians;Q222;;
DZA;Algeria;Algiers;Algerian;Algerians;Q262;;
AND;Andorra;Andorra la Vella;Andorran;Andorrans;Q228;;
AGO;Angola;Luanda;Angolan;Angolans;Q916;;
ATG;Antigua and Barbuda;St. John's;Antiguan|Barbudan;Antiguans|Barbudans;Q781;Antigua;
ARG;Argentina;Buenos Aires;Argentine|Argentinian;Argentines|Argentinians;Q414;Argentine Republic;Casa Rosada
ARM;Armenia;Yerevan;Armenian;Armenians;Q399;;
AUS;Australia;Canberra;Australian;Australians;Q408;Commonwealth of Australia;
AUT;Austria;Vienna;Austrian;Austrians;Q40;;
AZE;Azerbaijan;Baku;Azerbaijani|Azeri;Azerbaijanis|Azeris;Q227;Azerbaycan|Azərbaycan;
BHS;Bahamas;Nassau;Bahamian;Bahamians;Q778;The Bahamas|Commonwealth of The Bahamas;
BHR;Bahrain;Manama;Bahraini;Bahrainis;Q398;;
BGD;Bangladesh;Dhaka;Bangladeshi;Bangladeshis;Q902;;
BRB;Barbados;Bridgetown;Barbadian|Bajan;Barbadians|Bajans;Q244;;
BLR;Belarus;Minsk;Belarusian|Belarussian;Belarusians|Belarussians;Q184;Byelorussia|Belorussia;
BEL;Belgium;Brussels;Belgian;Belgians;Q31;;
BLZ;Belize;Belmopan;Belizean;Belizeans;Q242;;
BEN;Benin;Porto-Novo;Beninese;Beninese;Q962;Dahomey;
BTN;Bhutan;Thimphu;Bhutanese;Bhutanese;Q917;;
BOL;Bolivia;Sucre|La Paz;Bolivian;Bolivians;Q750;Plurinational State of Bolivia;
BIH;Bosnia and Herzegovina;Sarajevo;Bosnian;Bosnians;Q225;Bosnia|Bosnia-Herzegovina|BiH;
BWA;Botswana;Gaborone;Botswanan|Motswana;Batswana|Botswanans;Q963;;
BRA;Brazil;Brasília;Brazilian;Brazilians;Q155;Federative Republic of Brazil;Planalto|Itamaraty
BRN;Brunei;Bandar Seri Begawan;Bruneian;Bruneians;Q921;Brunei Darussalam;
BGR;Bulgaria;Sofia;Bulgarian;Bulgarians;Q219;;
BFA;Burkina Faso;Ouagadougou;Burkinabe|Burkinabè;Burkinabes;Q965;Upper Volta;
BDI;Burundi;Gitega;Burundian;Burundians;Q967;;
CPV;Cape Verde;Praia;Cape Verdean|Cabo Verdean;Cape Verdeans|Cabo Verdeans;Q1011;Cabo Verde;
KHM;Cambodia;Phnom Penh;Cambodian;Cambodians;Q424;Kampuchea;
CMR;Cameroon;Yaoundé;Cameroonian;Cameroonians;Q1009;;
CAN;Canada;Ottawa;Canadian;Canadians;Q16;;Parliament Hill
CAF;Central African Republic;Bangui;Central African;Central Africans;Q929;CAR;
TCD;Chad;N'Djamena;Chadian;Chadians;Q657;;
CHL;Chile;Santiago;Chilean;Chileans;Q298;;La Moneda
CHN;China;Beijing;Chinese;Chinese;Q148;People's Republic of China|PRC|Red China|Mainland China;Zhongnanhai
COL;Colombia;Bogotá;Colombian;Colombians;Q739;;Casa de Nariño
COM;Comoros;Moroni;Comorian;Comorians;Q970;Union of the Comoros;
COG;Republic of the Congo;Brazzaville;Congolese?;Congolese?;Q971;Congo-Brazzaville|Congo Republic|Congo?;
CRI;Costa Rica;San José;Costa Rican;Costa Ricans;Q800;;
CIV;Ivory Coast;Yamoussoukro;Ivorian;Ivorians;Q1008;Côte d'Ivoire|Cote d'Ivoire;
HRV;Croatia;Zagreb;Croatian|Croat;Croatians|Croats;Q224;;
CUB;Cuba;Havana;Cuban;Cubans;Q241;;
CYP;Cyprus;Nicosia;Cypriot|Greek Cypriot;Cypriots|Greek Cypriots;Q229;;
CZE;Czech Republic;Prague;Czech;Czechs;Q213;Czechia;Prague Castle
PRK;North Korea;Pyongyang;North Korean;North Koreans;Q423;Democratic People's Republic of Korea|DPRK;
COD;DR Congo;Kinshasa;Congolese;Congolese;Q974;Democratic Republic of the Congo|DRC|DR of Congo|Congo-Kinshasa|Zaire;
DNK;Denmark;Copenhagen;Danish;Danes;Q35;;
DJI;Djibouti;Djibouti City;Djiboutian;Djiboutians;Q977;;
DMA;Dominica;Roseau;Dominican?;Dominicans?;Q784;Commonwealth of Dominica;
DOM;Dominican Republic;Santo Domingo;Dominican;Dominicans;Q786;;
ECU;Ecuador;Quito;Ecuadorian|Ecuadorean;Ecuadorians|Ecuadoreans;Q736;;
EGY;Egypt;Cairo;Egyptian;Egyptians;Q79;Arab Republic of Egypt;
SLV;El Salvador;San Salvador;Salvadoran|Salvadorean;Salvadorans|Salvadoreans;Q792;;
GNQ;Equatorial Guinea;Malabo;Equatorial Guinean|Equatoguinean;Equatorial Guineans|Equatoguineans;Q983;;
ERI;Eritrea;Asmara;Eritrean;Eritreans;Q986;;
EST;Estonia;Tallinn;Estonian;Estonians;Q191;;
SWZ;Eswatini;Mbabane;Swazi|Emaswati;Swazis;Q1050;Swaziland;
ETH;Ethiopia;Addis Ababa;Ethiopian;Ethiopians;Q115;;
FJI;Fiji;Suva;Fijian;Fijians;Q712;;
FIN;Finland;Helsinki;Finnish;Finns;Q33;;
FRA;France;Paris;French;Frenchmen|French people;Q142;French Republic;Élysée|Élysée Palace|Elysee
GAB;Gabon;Libreville;Gabonese;Gabonese;Q1000;Gabonese Republic;
GMB;Gambia;Banjul;Gambian;Gambians;Q1005;The Gambia;
GEO;Georgia;Tbilisi;Georgian;Georgians;Q230;Sakartvelo;
DEU;Germany;Berlin;German;Germans;Q183;Federal Republic of Germany|FRG;Kanzleramt
GHA;Ghana;Accra;Ghanaian;Ghanaians;Q117;;
GRC;Greece;Athens;Greek|Hellenic;Greeks;Q41;Hellenic Republic|Hellas;Maximos Mansion
GRD;Grenada;St. George's;Grenadian;Grenadians;Q769;;
GTM;Guatemala;Guatemala City;Guatemalan;Guatemalans;Q774;;
GIN;Guinea;Conakry;Guinean;Guineans;Q1006;Guinea-Conakry;
GNB;Guinea-Bissau;Bissau;Bissau-Guinean;Bissau-Guineans;Q1007;;
GUY;Guyana;Georgetown;Guyanese;Guyanese;Q734;;
HTI;Haiti;Port-au-Prince;Haitian;Haitians;Q790;;
HND;Honduras;Tegucigalpa;Honduran;Hondurans;Q783;;
HUN;Hungary;Budapest;Hungarian|Magyar;Hungarians;Q28;;
ISL;Iceland;Reykjavík;Icelandic;Icelanders;Q189;;
IND;India;New Delhi;Indian;Indians;Q668;Republic of India|Bharat;South Block
IDN;Indonesia;Jakarta;Indonesian;Indonesians;Q252;;
IRN;Iran;Tehran;Iranian;Iranians;Q794;Islamic Republic of Iran|Persia;
IRQ;Iraq;Baghdad;Iraqi;Iraqis;Q796;;
IRL;Ireland;Dublin;Irish;Irish people|Irishmen;Q27;Republic of Ireland|Eire|Éire;
ISR;Israel;Jerusalem;Israeli;Israelis;Q801;State of Israel;
ITA;Italy;Rome;Italian;Italians;Q38;Italian Republic;Palazzo Chigi|Farnesina
JAM;Jamaica;Kingston;Jamaican;Jamaicans;Q766;;
JPN;Japan;Tokyo;Japanese;Japanese;Q17;Nippon;Kantei
JOR;Jordan;Amman;Jordanian;Jordanians;Q810;Hashemite Kingdom of Jordan;
KAZ;Kazakhstan;Astana;Kazakh|Kazakhstani;Kazakhs|Kazakhstanis;Q232;Qazaqstan;Akorda
KEN;Kenya;Nairobi;Kenyan;Kenyans;Q114;;State House Nairobi
KIR;Kiribati;Tarawa|South Tarawa;I-Kiribati;I-Kiribati;Q710;;
KWT;Kuwait;Kuwait City;Kuwaiti;Kuwaitis;Q817;;
KGZ;Kyrgyzstan;Bishkek;Kyrgyz|Kyrgyzstani;Kyrgyzstanis;Q813;Kirghizia|Kyrgyz Republic;
LAO;Laos;Vientiane;Lao|Laotian;Laotians;Q819;Lao PDR|Lao People's Democratic Republic;
LVA;Latvia;Riga;Latvian;Latvians;Q211;;
LBN;Lebanon;Beirut;Lebanese;Lebanese;Q822;Lebanese Republic;Baabda
LSO;Lesotho;Maseru;Basotho|Mosotho;Basotho;Q1013;;
LBR;Liberia;Monrovia;Liberian;Liberians;Q1014;;
LBY;Libya;Tripoli;Libyan;Libyans;Q1016;State of Libya;
LIE;Liechtenstein;Vaduz;Liechtensteiner|Liechtenstein;Liechtensteiners;Q347;;
LTU;Lithuania;Vilnius;Lithuanian;Lithuanians;Q37;;
LUX;Luxembourg;Luxembourg City;Luxembourgish|Luxembourger;Luxembourgers;Q32;;
MDG;Madagascar;Antananarivo;Malagasy;Malagasy;Q1019;;
MWI;Malawi;Lilongwe;Malawian;Malawians;Q1020;;
MYS;Malaysia;Kuala Lumpur|Putrajaya;Malaysian;Malaysians;Q833;;
MDV;Maldives;Malé;Maldivian;Maldivians;Q826;;
MLI;Mali;Bamako;Malian;Malians;Q912;;
MLT;Malta;Valletta;Maltese;Maltese;Q233;;
MHL;Marshall Islands;Majuro;Marshallese;Marshallese;Q709;;
MRT;Mauritania;Nouakchott;Mauritanian;Mauritanians;Q1025;;
MUS;Mauritius;Port Louis;Mauritian;Mauritians;Q1027;;
MEX;Mexico;Mexico City;Mexican;Mexicans;Q96;United Mexican States;Los Pinos
FSM;Micronesia;Palikir;Micronesian;Micronesians;Q702;Federated States of Micronesia;
MDA;Moldova;Chișinău|Chisinau;Moldovan;Moldovans;Q217;Republic of Moldova|Moldavia;
MCO;Monaco;Monaco;Monégasque|Monacan;Monégasques|Monacans;Q235;;
MNG;Mongolia;Ulaanbaatar|Ulan Bator;Mongolian;Mongolians;Q711;;
MNE;Montenegro;Podgorica;Montenegrin;Montenegrins;Q236;;
MAR;Morocco;Rabat;Moroccan;Moroccans;Q1028;Kingdom of Morocco;
MOZ;Mozambique;Maputo;Mozambican;Mozambicans;Q1029;;
MMR;Myanmar;Naypyidaw|Nay Pyi Taw;Burmese|Myanmar;Burmese;Q836;Burma;
NAM;Namibia;Windhoek;Namibian;Namibians;Q1030;;
NRU;Nauru;Yaren;Nauruan;Nauruans;Q697;;
NPL;Nepal;Kathmandu;Nepali|Nepalese;Nepalis|Nepalese;Q837;;
NLD;Netherlands;Amsterdam|The Hague;Dutch;Dutch people|Dutchmen;Q55;Holland|Kingdom of the Netherlands|The Netherlands;
NZL;New Zealand;Wellington;New Zealand|New Zealander;New Zealanders|Kiwis;Q664;Aotearoa;
NIC;Nicaragua;Managua;Nicaraguan;Nicaraguans;Q811;;
NER;Niger;Niamey;Nigerien;Nigeriens;Q1032;Republic of the Niger|Republic of Niger;
NGA;Nigeria;Abuja;Nigerian;Nigerians;Q1033;Federal Republic of Nigeria;Aso Rock
MKD;North Macedonia;Skopje;Macedonian|North Macedonian;Macedonians|North Macedonians;Q221;Macedonia|FYROM|Former Yugoslav Republic of Macedonia;
NOR;Norway;Oslo;Norwegian;Norwegians;Q20;;
OMN;Oman;Muscat;Omani;Omanis;Q842;Sultanate of Oman;
PAK;Pakistan;Islamabad;Pakistani;Pakistanis;Q843;Islamic Republic of Pakistan;
PLW;Palau;Ngerulmud;Palauan;Palauans;Q695;;
PAN;Panama;Panama City;Panamanian;Panamanians;Q804;;
PNG;Papua New Guinea;Port Moresby;Papua New Guinean|Papuan;Papua New Guineans;Q691;PNG;
PRY;Paraguay;Asunción;Paraguayan;Paraguayans;Q733;;
PER;Peru;Lima;Peruvian;Peruvians;Q419;;
PHL;Philippines;Manila;Philippine|Filipino;Filipinos;Q928;The Philippines;Malacañang|Malacañang Palace
POL;Poland;Warsaw;Polish;Poles;Q36;;Belweder
PRT;Portugal;Lisbon;Portuguese;Portuguese;Q45;Portuguese Republic;
QAT;Qatar;Doha;Qatari;Qataris;Q846;State of Qatar;
KOR;South Korea;Seoul;South Korean;South Koreans;Q884;Republic of Korea|ROK|Korea;Blue House|Cheong Wa Dae
ROU;Romania;Bucharest;Romanian;Romanians;Q218;Rumania;Cotroceni
RUS;Russia;Moscow;Russian;Russians;Q159;Russian Federation|Rossiya;the Kremlin|Kremlin
RWA;Rwanda;Kigali;Rwandan;Rwandans;Q1037;;
KNA;Saint Kitts and Nevis;Basseterre;Kittitian|Nevisian;Kittitians|Nevisians;Q763;St Kitts and Nevis|St. Kitts and Nevis;
LCA;Saint Lucia;Castries;Saint Lucian|St Lucian;Saint Lucians;Q760;St Lucia|St. Lucia;
VCT;Saint Vincent and the Grenadines;Kingstown;Vincentian;Vincentians;Q757;St Vincent and the Grenadines|St. Vincent and the Grenadines|Saint Vincent;
WSM;Samoa;Apia;Samoan;Samoans;Q683;Western Samoa;
SMR;San Marino;San Marino City|City of San Marino;Sammarinese;Sammarinese;Q238;;
STP;São Tomé and Príncipe;São Tomé;São Toméan|Santomean;São Toméans|Santomeans;Q1039;Sao Tome and Principe;
SAU;Saudi Arabia;Riyadh;Saudi|Saudi Arabian;Saudis|Saudi Arabians;Q851;Kingdom of Saudi Arabia|KSA;
SEN;Senegal;Dakar;Senegalese;Senegalese;Q1041;;
SRB;Serbia;Belgrade;Serbian|Serb;Serbians|Serbs;Q403;;
SYC;Seychelles;Victoria;Seychellois;Seychellois;Q1042;;
SLE;Sierra Leone;Freetown;Sierra Leonean;Sierra Leoneans;Q1044;;
SGP;Singapore;Singapore;Singaporean;Singaporeans;Q334;;Istana
SVK;Slovakia;Bratislava;Slovak|Slovakian;Slovaks;Q214;Slovak Republic;
SVN;Slovenia;Ljubljana;Slovenian|Slovene;Slovenians|Slovenes;Q215;;
SLB;Solomon Islands;Honiara;Solomon Islander;Solomon Islanders;Q685;Solomons;
SOM;Somalia;Mogadishu;Somali;Somalis;Q1045;Federal Republic of Somalia;Villa Somalia
ZAF;South Africa;Pretoria|Cape Town;South African;South Africans;Q258;Republic of South Africa|RSA;Union Buildings
SSD;South Sudan;Juba;South Sudanese;South Sudanese;Q958;;
ESP;Spain;Madrid;Spanish;Spaniards;Q29;Kingdom of Spain;Moncloa|La Moncloa
LKA;Sri Lanka;Sri Jayawardenepura Kotte|Colombo;Sri Lankan;Sri Lankans;Q854;Ceylon;
SDN;Sudan;Khartoum;Sudanese;Sudanese;Q1049;Republic of the Sudan|The Sudan;
SUR;Suriname;Paramaribo;Surinamese;Surinamese;Q730;Surinam;
SWE;Sweden;Stockholm;Swedish;Swedes;Q34;;Rosenbad
CHE;Switzerland;Bern;Swiss;Swiss;Q39;Swiss Confederation;
SYR;Syria;Damascus;Syrian;Syrians;Q858;Syrian Arab Republic;
TJK;Tajikistan;Dushanbe;Tajik|Tajikistani;Tajiks|Tajikistanis;Q863;;
TZA;Tanzania;Dodoma;Tanzanian;Tanzanians;Q924;United Republic of Tanzania;
THA;Thailand;Bangkok;Thai;Thais;Q869;Siam;
TLS;East Timor;Dili;Timorese|East Timorese;Timorese|East Timorese;Q574;Timor-Leste;
TGO;Togo;Lomé;Togolese;Togolese;Q945;Togolese Republic;
TON;Tonga;Nukuʻalofa|Nuku'alofa;Tongan;Tongans;Q678;;
TTO;Trinidad and Tobago;Port of Spain;Trinidadian|Tobagonian;Trinidadians|Tobagonians;Q754;Trinidad;
TUN;Tunisia;Tunis;Tunisian;Tunisians;Q948;;Carthage Palace
TUR;Turkey;Ankara;Turkish;Turks;Q43;Türkiye|Turkiye|Republic of Turkey|Republic of Türkiye;Beştepe
TKM;Turkmenistan;Ashgabat;Turkmen|Turkmenistani;Turkmens;Q874;;
TUV;Tuvalu;Funafuti;Tuvaluan;Tuvaluans;Q672;;
UGA;Uganda;Kampala;Ugandan;Ugandans;Q1036;;
UKR;Ukraine;Kyiv|Kiev;Ukrainian;Ukrainians;Q212;The Ukraine;Bankova
ARE;United Arab Emirates;Abu Dhabi;Emirati;Emiratis;Q878;UAE|Emirates;
GBR;United Kingdom;London;British;Britons|Brits|British people;Q145;UK|U.K.|Britain|Great Britain|United Kingdom of Great Britain and Northern Ireland;Downing Street|Number 10|No 10|Whitehall
USA;United States;Washington|Washington, D.C.|Washington DC;American;Americans;Q30;United States of America|USA|U.S.A.|U.S.|US|USG|America;White House
URY;Uruguay;Montevideo;Uruguayan;Uruguayans;Q77;;
UZB;Uzbekistan;Tashkent;Uzbek|Uzbekistani;Uzbeks|Uzbekistanis;Q265;;
VUT;Vanuatu;Port Vila;Ni-Vanuatu|Vanuatuan;Ni-Vanuatu;Q686;;
VEN;Venezuela;Caracas;Venezuelan;Venezuelans;Q717;Bolivarian Republic of Venezuela;Miraflores|Miraflores Palace
VNM;Vietnam;Hanoi;Vietnamese;Vietnamese;Q881;Viet Nam;
YEM;Yemen;Sanaa|Sana'a|Aden;Yemeni;Yemenis;Q805;;
ZMB;Zambia;Lusaka;Zambian;Zambians;Q953;;
ZWE;Zimbabwe;Harare;Zimbabwean;Zimbabweans;Q954;;
"""

OBSERVERS = """
VAT;Holy See;Vatican City;Vatican;;Q237;Vatican|the Vatican|Vatican City State|Holy See (Vatican City State);Apostolic Palace
PSE;Palestine;Ramallah|East Jerusalem;Palestinian;Palestinians;Q219060;State of Palestine|Palestinian Authority|Palestinian territories;Muqataa
"""

# De facto or disputed entities. Codes: ISO 3166-1 where one exists (TWN; ESH for Western Sahara/SADR),
# XKX for Kosovo (the code the EU and others use), otherwise ``X`` + two letters, from the ISO user-assigned range.
DISPUTED = """
XKX;Kosovo;Pristina|Prishtina;Kosovar|Kosovan;Kosovars|Kosovans;Q1246;Republic of Kosovo;
TWN;Taiwan;Taipei;Taiwanese;Taiwanese;Q865;Republic of China|ROC|Chinese Taipei|Formosa;
ESH;Western Sahara;Laayoune|Tifariti;Sahrawi|Saharawi;Sahrawis|Saharawis;Q40362;Sahrawi Arab Democratic Republic|SADR|Sahrawi Republic;
XNC;Northern Cyprus;North Nicosia|Lefkoşa;Turkish Cypriot;Turkish Cypriots;Q23681;Turkish Republic of Northern Cyprus|TRNC;
XAB;Abkhazia;Sukhumi|Sokhumi;Abkhaz|Abkhazian;Abkhazians|Abkhaz people;Q23334;Republic of Abkhazia;
XSO;South Ossetia;Tskhinvali;South Ossetian|Ossetian;South Ossetians|Ossetians;Q23427;Republic of South Ossetia|South Ossetia-Alania;
XTR;Transnistria;Tiraspol;Transnistrian;Transnistrians;Q907112;Pridnestrovie|Pridnestrovian Moldavian Republic|Trans-Dniester|Transdniestria;
XSL;Somaliland;Hargeisa;Somalilander;Somalilanders;Q34754;Republic of Somaliland;
XNK;Nagorno-Karabakh;Stepanakert|Khankendi;Artsakhi;Karabakh Armenians;Q244165;Artsakh|Republic of Artsakh|Nagorno-Karabakh Republic|Mountainous Karabakh|NKR;
"""

HEADER = (
    "# States: 193 UN members, 2 observers, de facto/disputed entities. Columns: id (slug, the actor IRI's end);"
    " iso3 (ISO 3166-1 alpha-3; XKX Kosovo; X + 2 letters for other de facto entities; ESH = Western Sahara/SADR);"
    " name (common English short name); aliases; capital; seats (seats-of-power metonyms); demonyms (adjectives);"
    " demonym_plurals; status (member | observer | de-facto); wikidata. Lists are |-separated; a trailing ? marks"
    " a form shared with another state (looked up, never preferred). Generated by tools/make_states.py."
)
COLUMNS = [
    "id",
    "iso3",
    "name",
    "aliases",
    "capital",
    "seats",
    "demonyms",
    "demonym_plurals",
    "status",
    "wikidata",
]


def slug(text: str) -> str:
    """Lower-case ASCII slug with hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def rows(block: str, status: str) -> list[list[str]]:
    out = []
    for line in block.strip().splitlines():
        parts = line.split(";")
        if not parts[1]:
            continue
        iso3, name, capital, adj, plural, qid, extra, seats = (parts + [""] * 8)[:8]
        aliases: list[str] = [a for a in extra.split("|") if a]
        country = pycountry.countries.get(alpha_3=iso3)
        if country is not None:
            for attr in ("official_name", "name", "common_name"):
                value = getattr(country, attr, None)
                if value and "," not in value and "(" not in value:
                    value = re.sub(r"^the ", "", value)
                    if value != name and value.casefold() not in {a.casefold() for a in aliases}:
                        aliases.append(value)
        elif len(iso3) == 3 and not iso3.startswith("X"):
            sys.exit(f"unknown ISO code {iso3}")
        out.append([slug(name), iso3, name, "|".join(aliases), capital, seats, adj, plural, status, qid])
    return out


#: The file this script writes.
TARGET = Path(__file__).resolve().parents[1] / "ontology" / "gazetteer" / "states.tsv"


def render() -> tuple[str, int]:
    """The text of states.tsv and its number of states (a test checks the committed file is this text)."""
    table = rows(UN_MEMBERS, "member") + rows(OBSERVERS, "observer") + rows(DISPUTED, "de-facto")
    members = sum(1 for r in table if r[8] == "member")
    assert members == 193, members
    assert len({r[0] for r in table}) == len(table)
    assert len({r[1] for r in table}) == len(table)
    lines = [HEADER, "\t".join(COLUMNS)] + ["\t".join(r) for r in table]
    return "\n".join(lines) + "\n", len(table)


def main() -> None:
    text, count = render()
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {count} states to {TARGET}")


if __name__ == "__main__":
    main()
