/* test_extract.c: the reading rules, one invented sentence at a time.
 *
 * Each case is a short text (written for this test, not taken from any
 * article), the document date, and the exact set of claim keys it must
 * yield ("SUP>REC category stage factuality", sorted, separated by "; "),
 * plus optional attribute checks. An empty expectation means: no claim
 * with both parties known. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "armstrace.h"

static at_dict *dict;

typedef struct {
    const char *text;
    const char *keys;   /* expected keys, sorted, "; "-separated */
    const char *attr;   /* optional: "KEY|system=..|qty=min,max|date=.." */
} xcase;

typedef struct {
    char keys[64][96];
    char attrs[64][160];
    size_t n;
} got;

static int collect(const at_doc *doc, const at_claim *c, void *user)
{
    (void)doc;
    got *g = user;
    if (!c->supplier[0] || !c->recipient[0] || c->category == AT_CAT_ECONOMIC || g->n == 64)
        return 0;
    snprintf(g->keys[g->n], sizeof g->keys[0], "%s>%s %s %s %s", c->supplier, c->recipient,
             at_category_name(c->category), at_stage_name(c->stage),
             at_factuality_name(c->factuality));
    char q[48] = "";
    if (c->has_quantity)
        snprintf(q, sizeof q, "%lld,%lld", c->quantity.has_min ? (long long)c->quantity.min : -1,
                 c->quantity.has_max ? (long long)c->quantity.max : -1);
    char key[96];
    memcpy(key, g->keys[g->n], sizeof key);
    snprintf(g->attrs[g->n], sizeof g->attrs[0], "%s|system=%s|qty=%s|date=%s", key,
             c->system ? c->system : "", q, c->has_date ? c->date_start : "");
    g->n++;
    return 0;
}

static int cmp(const void *a, const void *b) { return strcmp(a, b); }

static void run(const xcase *x, const char *date, size_t *failures)
{
    at_doc doc = {.id = {"t", 1}, .text = {x->text, strlen(x->text)},
                  .date = {date, strlen(date)}};
    got g = {0};
    assert_int_equal(at_extract(dict, &doc, collect, &g, NULL), AT_OK);
    char sorted[64][96];
    memcpy(sorted, g.keys, sizeof sorted);
    qsort(sorted, g.n, sizeof sorted[0], cmp);
    char all[4096] = "";
    for (size_t i = 0; i < g.n; i++) {
        if (i && !strcmp(sorted[i], sorted[i - 1]))
            continue;
        if (all[0])
            strcat(all, "; ");
        strncat(all, sorted[i], sizeof all - strlen(all) - 1);
    }
    bool ok = !strcmp(all, x->keys);
    if (ok && x->attr) {
        ok = false;
        for (size_t i = 0; i < g.n; i++)
            if (!strcmp(g.attrs[i], x->attr))
                ok = true;
        if (!ok) {
            fprintf(stderr, "ATTR MISMATCH: %s\n  want %s\n", x->text, x->attr);
            for (size_t i = 0; i < g.n; i++)
                fprintf(stderr, "  got  %s\n", g.attrs[i]);
        }
    } else if (!ok) {
        fprintf(stderr, "KEY MISMATCH: %s\n  want [%s]\n  got  [%s]\n", x->text, x->keys, all);
    }
    if (!ok)
        (*failures)++;
}

/* MARK: - Roles in every common construction */

static const xcase roles[] = {
    {"Belarus supplied Armenia with 40 armoured vehicles last year.",
     "BLR>ARM armored_vehicle delivered claimed", "BLR>ARM armored_vehicle delivered claimed|system=|qty=40,40|date=2023"},
    {"Turkey has sold Bayraktar TB2 drones to Poland, the ministry said.",
     "TUR>POL drone delivered claimed", "TUR>POL drone delivered claimed|system=Bayraktar TB2|qty=|date="},
    {"Egypt received dozens of Rafale fighter jets from France.",
     "FRA>EGY aircraft delivered claimed", "FRA>EGY aircraft delivered claimed|system=Rafale|qty=24,99|date="},
    {"Vietnam acquired six Kilo-class submarines from Russia in the 2010s.",
     "RUS>VNM naval delivered claimed", NULL},
    {"Serbia has bought air defence systems from China.",
     "CHN>SRB air_defense delivered claimed", NULL},
    {"Javelin missiles were delivered to Estonia by the United States.",
     "USA>EST anti_tank_missile delivered claimed", NULL},
    {"Officials confirmed the transfer of 12 howitzers from Slovakia to Ukraine.",
     "SVK>UKR artillery delivered claimed", "SVK>UKR artillery delivered claimed|system=|qty=12,12|date="},
    {"Germany's supply of Leopard 2 tanks to Ukraine began in March.",
     "DEU>UKR armored_vehicle delivered claimed", NULL},
    {"Deliveries of Patriot air defence systems to Kyiv by Washington continued.",
     "USA>UKR air_defense delivered claimed", NULL},
    {"Houthi rebels launched Iranian-made cruise missiles at shipping lanes.",
     "IRN>houthis cruise_missile used claimed", NULL},
    {"Azerbaijan used Israeli-supplied loitering munitions during the offensive.",
     "ISR>AZE drone delivered claimed; ISR>AZE drone used claimed", NULL},
    {"Norway provided Ukraine with NASAMS and Spain sent artillery shells to Kyiv.",
     "ESP>UKR ammunition delivered claimed; NOR>UKR air_defense delivered claimed", NULL},
    {"Pakistan has supplied rifles, machine guns and mortar rounds to Sudan.",
     "PAK>SDN ammunition delivered claimed; PAK>SDN small_arms delivered claimed", NULL},
    {"Canada and the Netherlands delivered F-16 jets to Ukraine.",
     "CAN>UKR aircraft delivered claimed; NLD>UKR aircraft delivered claimed", NULL},
    {"The Pentagon announced it will send more HIMARS launchers to Kyiv.",
     "USA>UKR artillery intent claimed", NULL},
};

/* MARK: - Stages */

static const xcase stages[] = {
    {"India plans to buy Su-30 fighter jets from Russia.",
     "RUS>IND aircraft intent claimed", NULL},
    {"Saudi Arabia is seeking THAAD missile defence systems from the United States.",
     "USA>SAU air_defense intent claimed", NULL},
    {"Indonesia is in talks to acquire Rafale jets from France.",
     "FRA>IDN aircraft negotiating claimed", NULL},
    {"Greece signed a deal to buy frigates from France.",
     "FRA>GRC naval agreed claimed", NULL},
    {"Morocco ordered 36 Apache helicopters from the United States.",
     "USA>MAR aircraft agreed claimed", NULL},
    {"Myanmar's military has used Chinese-made drones against villages.",
     "CHN>MMR drone used claimed", NULL},
    {"Kazakhstan asked Turkey for armed drones.",
     "TUR>KAZ drone intent claimed", NULL},
    {"Japan agreed to send air defence missiles to the Philippines.",
     "JPN>PHL air_defense intent claimed", NULL},
};

/* MARK: - Factuality, certainty, scope */

static const xcase facts[] = {
    {"Switzerland refused to send ammunition to Ukraine.",
     "CHE>UKR ammunition delivered negated", NULL},
    {"Israel has not supplied air defence systems to Ukraine, officials said.",
     "ISR>UKR air_defense delivered negated", NULL},
    {"Analysts warned that China could supply drones to Russia.",
     "CHN>RUS drone delivered hypothetical", NULL},
    {"If Hungary sends tanks to Serbia, the bloc would respond.",
     "HUN>SRB armored_vehicle delivered hypothetical", NULL},
    {"There is no evidence that Brazil sold ammunition to Venezuela.",
     "BRA>VEN ammunition delivered negated", NULL},
    /* advice states nothing done or not; "it" is the one advised */
    {"Washington warned Egypt that it should not buy the Russian fighter jets.",
     "RUS>EGY aircraft delivered hypothetical", NULL},
    {"Berlin told Budapest that it must not sell the German tanks to Moscow.",
     "HUN>RUS armored_vehicle delivered hypothetical", NULL},
    {"Iran denied supplying drones to Russia.",
     "IRN>RUS drone delivered negated", NULL},
    {"Kenya did not receive weapons from Ethiopia, but Somalia bought rifles from Eritrea.",
     "ERI>SOM small_arms delivered claimed; ETH>KEN weapons delivered negated", NULL},
    {"Belarus has supplied Russia with ammunition. Minsk has denied the allegations.",
     "BLR>RUS ammunition delivered claimed; BLR>RUS ammunition delivered negated", NULL},
    {"Mexico halted the shipment of rifles to Nicaragua.",
     "MEX>NIC small_arms delivered negated", NULL},
    {"The Kremlin rejected a Japanese report that it had received drones from Iran.",
     "IRN>RUS drone delivered negated", NULL},
    {"Laos has bought rifles from Vietnam. Hanoi and Vientiane denied any arms transfers.",
     "VNM>LAO small_arms delivered claimed; VNM>LAO weapons delivered negated", NULL},
    {"Police seized rifles and grenades that were shipped from Serbia to Libya.",
     "SRB>LBY small_arms delivered claimed", NULL},
    {"Officials said China was supplying Russia with drones, though they believe it is also "
     "helping with dual-use components.",
     "CHN>RUS components delivered claimed; CHN>RUS drone delivered claimed", NULL},
};

/* MARK: - References and quantities across sentences */

static const xcase refs[] = {
    {"Georgia received anti-tank missiles from Lithuania in May. Those missiles were later fired at "
     "targets near the border by Georgian troops.",
     "LTU>GEO anti_tank_missile delivered claimed; LTU>GEO anti_tank_missile used claimed", NULL},
    {"Romania delivered about 300 artillery shells to Moldova.",
     "ROU>MDA ammunition delivered claimed", "ROU>MDA ammunition delivered claimed|system=|qty=300,300|date="},
    {"Italy sent between 10 and 20 IRIS-T systems to Ukraine.",
     "ITA>UKR air_defense delivered claimed", "ITA>UKR air_defense delivered claimed|system=IRIS-T|qty=10,20|date="},
    {"Poland delivered hundreds of thousands of rounds of ammunition to Ukraine.",
     "POL>UKR ammunition delivered claimed", NULL},
    /* what "the equipment" of a transfer told before includes */
    {"China has donated military equipment to Zimbabwe. The equipment includes armoured vehicles, "
     "patrol boats and sniper rifles.",
     "CHN>ZWE armored_vehicle delivered claimed; CHN>ZWE naval delivered claimed; CHN>ZWE small_arms "
     "delivered claimed; CHN>ZWE weapons delivered claimed", NULL},
    {"India has started the supply of Pinaka rockets to Armenia.", "IND>ARM rocket delivered claimed",
     NULL},
    {"Russia has delivered four S-300 launchers to Syria.", "RUS>SYR launcher delivered claimed", NULL},
    /* a count or date given in a sentence that states no transfer */
    {"Germany will give Ukraine Leopard 2 tanks. The first 14 Leopard 2 tanks for Ukraine come "
     "from army stocks.",
     "DEU>UKR armored_vehicle intent claimed",
     "DEU>UKR armored_vehicle intent claimed|system=Leopard 2|qty=14,14|date="},
    {"Chile has supplied howitzers to Peru. The howitzers reached Peru in March.",
     "CHL>PER artillery delivered claimed",
     "CHL>PER artillery delivered claimed|system=|qty=|date=2024-03"},
    {"Norway will send two NASAMS systems to Ukraine, the minister said on Friday.",
     "NOR>UKR air_defense intent claimed",
     "NOR>UKR air_defense intent claimed|system=NASAMS|qty=2,2|date=2024-06-14"},
};

/* MARK: - Dates */

static const xcase dates[] = {
    {"North Korea shipped artillery shells to Russia on Tuesday, officials said Friday.",
     "PRK>RUS ammunition delivered claimed", "PRK>RUS ammunition delivered claimed|system=|qty=|date=2024-06-11"},
    {"Algeria took delivery of Su-57 fighters from Russia in March.",
     "RUS>DZA aircraft delivered claimed", "RUS>DZA aircraft delivered claimed|system=Su-57|qty=|date=2024-03"},
    {"Armenia bought howitzers from India last October.",
     "IND>ARM artillery delivered claimed", "IND>ARM artillery delivered claimed|system=|qty=|date=2023-10"},
};

/* MARK: - Phrasings seen in wire copy */

static const xcase phrasings[] = {
    {"The Pentagon said it would send Ukraine 31 Abrams tanks.",
     "USA>UKR armored_vehicle intent claimed", NULL},
    {"Washington approved the sale of 12 F-35 jets to Greece.",
     "USA>GRC aircraft agreed claimed", NULL},
    {"Poland is buying 250 Abrams tanks from the United States under a $4.75 billion deal.",
     "USA>POL armored_vehicle agreed claimed", NULL},
    {"Tehran has provided Moscow with Shahed drones, which Russia has used to strike power plants.",
     "IRN>RUS drone delivered claimed; IRN>RUS drone used claimed", NULL},
    {"North Korean troops have been deployed to Russia's Kursk region.",
     "PRK>RUS personnel delivered claimed", NULL},
    {"Beijing has been accused of supplying Moscow with drone parts.",
     "CHN>RUS components delivered claimed", NULL},
    {"Armenia signed a contract with India for the purchase of Pinaka rocket launchers.",
     "IND>ARM artillery agreed claimed", NULL},
    {"The Houthis have received weapons from Iran, including ballistic missiles and drones, "
     "according to a UN report.",
     "IRN>houthis ballistic_missile delivered claimed; IRN>houthis drone delivered claimed; "
     "IRN>houthis weapons delivered claimed", NULL},
    {"The UK has gifted Ukraine 14 Challenger 2 tanks.",
     "GBR>UKR armored_vehicle delivered claimed", NULL},
    {"Iran's supreme leader denied that Tehran had sent any weapons to Russia.",
     "IRN>RUS weapons delivered negated", NULL},
    {"The EU has pledged one million artillery shells to Ukraine.",
     "eu>UKR ammunition intent claimed", NULL},
    {"India will receive Rafale fighter jets next year.",
     "FRA>IND aircraft intent claimed", NULL},
    {"The US announced a military aid package for Ukraine that includes Patriot missiles.",
     "USA>UKR air_defense intent claimed; USA>UKR weapons intent claimed", NULL},
    {"The US Navy seized a shipment of Iranian weapons bound for the Houthis.",
     "IRN>houthis weapons delivered claimed", NULL},
    {"Ukraine's air force shot down 30 Iranian-made Shahed drones launched by Russia overnight.",
     "IRN>RUS drone used claimed", NULL},
    {"IRAN SUPPLIES RUSSIA WITH BALLISTIC MISSILES",
     "IRN>RUS ballistic_missile delivered claimed", NULL},
    {"Ukrainian forces used US-supplied HIMARS to strike a bridge.",
     "USA>UKR artillery delivered claimed; USA>UKR artillery used claimed", NULL},
    {"Weapons shipments from Belarus to Russia have continued, the opposition said.",
     "BLR>RUS weapons delivered claimed", NULL},
};

/* MARK: - Constructions found missing on unseen news (own sentences) */

static const xcase general[] = {
    /* reduced relatives: "Z supplied by X", "Z procured from X" */
    {"Azerbaijan shelled the villages with rockets supplied by Israel.",
     "ISR>AZE rocket delivered claimed; ISR>AZE rocket used claimed", NULL},
    {"Ethiopia has deployed air defence systems procured from Russia.",
     "RUS>ETH air_defense delivered claimed", NULL},
    {"Two of the rockets that hit the port were provided by Iran, the report said.",
     "", NULL},
    /* a transfer noun as the object: "sent Y a shipment of Z" */
    {"Chile sent Peru a shipment of armoured vehicles.",
     "CHL>PER armored_vehicle delivered claimed", NULL},
    {"Kenya received shipments of Turkish-made drones.",
     "TUR>KEN drone delivered claimed", NULL},
    {"The State Department approved $2 billion in arms sales to Morocco.",
     "USA>MAR weapons agreed claimed", NULL},
    {"Egypt is negotiating the purchase of submarines from Germany.",
     "DEU>EGY naval negotiating claimed", NULL},
    {"Venezuela is negotiating with Belarus on the purchase of air defence systems.",
     "BLR>VEN air_defense negotiating claimed", NULL},
    {"Spain paused a shipment of bombs to Saudi Arabia.",
     "ESP>SAU ammunition delivered negated", NULL},
    /* an origin belongs to its own phrase */
    {"Russia fired cruise missiles and Iranian-made drones at Odesa.",
     "IRN>RUS drone used claimed", NULL},
    /* headlines: "X to buy" */
    {"Serbia to buy Rafale jets from France",
     "FRA>SRB aircraft intent claimed", NULL},
    /* suppliers and aid as nouns */
    {"Belarus has become Russia's main supplier of ammunition.",
     "BLR>RUS ammunition delivered claimed", NULL},
    {"Hungary's military aid to Slovakia has grown.",
     "HUN>SVK weapons delivered claimed", NULL},
    {"Kyrgyzstan's use of Turkish drones drew criticism.",
     "TUR>KGZ drone used claimed", NULL},
    {"Arms imports by India from Russia fell last year.",
     "RUS>IND weapons delivered claimed", NULL},
    /* pronouns for weapons */
    {"Nigeria bought Chinese drones in 2021 and has used them against insurgents.",
     "CHN>NGA drone delivered claimed; CHN>NGA drone used claimed", NULL},
    {"France delivered SCALP cruise missiles to Ukraine in May. Kyiv has since fired the "
     "missiles at bridges.",
     "FRA>UKR cruise_missile delivered claimed; FRA>UKR cruise_missile used claimed", NULL},
    /* double objects, arrivals, commitments, speakers */
    {"Argentina declined to give Uruguay older fighter jets.",
     "ARG>URY aircraft delivered negated", NULL},
    {"The first F-16 jets from Norway arrived in Ukraine on Monday.",
     "NOR>UKR aircraft delivered claimed", NULL},
    {"Colombia has committed to provide military helicopters to Ecuador.",
     "COL>ECU aircraft intent claimed", NULL},
    {"\"We will provide Oman with patrol boats,\" Qatar's emir said.",
     "QAT>OMN naval intent claimed", NULL},
    {"Slovenia's defence minister said she would consider selling tanks to Croatia.",
     "SVN>HRV armored_vehicle intent claimed", NULL},
    /* refusals through modifiers; help with an action; sayings far away */
    {"Moldova decided to withhold arms deliveries earmarked for Armenia.",
     "MDA>ARM weapons delivered negated", NULL},
    {"Lithuania's aid will help counter Belarus's superiority in tanks.", "", NULL},
    {"Finland's president said last month at the summit that he would consider selling "
     "howitzers to Estonia.",
     "FIN>EST artillery intent claimed", NULL},
    {"Croatia and Slovenia agreed to hand over Croatian military helicopters to Bosnia.",
     "HRV>BIH aircraft intent claimed", NULL},
    /* destinations, and counterparts that are no recipients */
    {"Customs officers seized Yemen-bound weapons shipments that originated from Iran.",
     "IRN>YEM weapons delivered claimed", NULL},
    {"Iran's supply of drones to the two countries violates a UN resolution.", "", NULL},
    {"Police in Kenya said Somalia had received rifles, and the United States had raided "
     "weapons shipments.",
     "", NULL},
    /* uses whose weapons follow "with" */
    {"Sudan's army attacked the city with drones supplied by Iran.",
     "IRN>SDN drone delivered claimed; IRN>SDN drone used claimed", NULL},
    {"Mali struck a deal with Turkey for armed drones.", "", NULL}, /* direction unsaid */
    /* approvals, orders, deals, what is not yet */
    {"The State Department approved a possible $300 million sale of howitzers to Jordan.",
     "USA>JOR artillery agreed claimed", NULL},
    {"Kenya had already approved the handover of old rifles to Uganda.",
     "KEN>UGA small_arms intent claimed", NULL},
    {"Any Turkish drone shipments to Eritrea risk angering Ethiopia.",
     "TUR>ERI drone delivered hypothetical", NULL},
    {"Hanwha secured an order from Romania for 54 K9 howitzers.",
     "KOR>ROU artillery agreed claimed", NULL},
    {"Serbia signed a deal with China in 2019 to buy air defence systems.",
     "CHN>SRB air_defense agreed claimed", NULL},
    {"Chile signed a contract with Spain for the sale of patrol boats.", "", NULL},
    {"Slovakia will keep its jets until Hungary receives new fighter jets from Sweden.",
     "SWE>HUN aircraft intent claimed", NULL},
    {"Germany supplies components to Spain for the construction of the Eurofighter jets.",
     "DEU>ESP components delivered claimed", NULL},
    /* goods a party holds from another */
    {"Syria's Iran-provided air defence system was hit.", "IRN>SYR air_defense delivered claimed",
     NULL},
    {"The Bolivian army paraded its new armoured vehicles bought from China.",
     "CHN>BOL armored_vehicle delivered claimed", NULL},
    {"Iraq received around 50 missiles, including Kornet anti-tank missiles, from Russia.",
     "RUS>IRQ anti_tank_missile delivered claimed", NULL},
    /* training, seizures, buyers and suppliers */
    {"Norway will train Ukrainian soldiers to use the howitzers.",
     "NOR>UKR technology intent claimed", NULL},
    {"Norway will train Ukrainian pilots.", "", NULL}, /* no military context: could be airlines */
    {"Police seized Haiti-bound rifles that had come from the United States.",
     "USA>HTI small_arms delivered claimed", NULL},
    {"Armenia is one of the largest buyers of Indian weapons.", "IND>ARM weapons delivered claimed",
     NULL},
    {"Russia and China are the main arms suppliers of Myanmar's military government.",
     "CHN>MMR weapons delivered claimed; RUS>MMR weapons delivered claimed", NULL},
    {"The coach trained Brazilian players for the cup.", "", NULL},
    /* what goods are for, carry or aim at is not among them */
    {"Switzerland blocked Germany from sending munitions for the Gepard to Ukraine.",
     "DEU>UKR ammunition delivered negated", NULL},
    {"The UK will send Challenger 2 tanks to Ukraine to push Russian troops back.",
     "GBR>UKR armored_vehicle intent claimed", NULL},
    {"Sweden shipped air-to-air missiles and surface-to-air missiles to Finland.",
     "SWE>FIN air_defense delivered claimed; SWE>FIN missile delivered claimed", NULL},
    {"Putin announced that Moscow would deploy its tactical nuclear weapons in Belarus, similar "
     "to what the US does.",
     "RUS>BLR nuclear intent claimed", NULL},
    {"Russian instructors will help Mali use the drones.", "", NULL},
    /* money, intentions, cuts and bans lifted */
    {"Egypt signed a US$2 billion agreement with Russia to buy Su-35 fighter jets.",
     "RUS>EGY aircraft agreed claimed", NULL},
    {"Indonesia announced its intention to purchase two submarines from France.",
     "FRA>IDN naval intent claimed", NULL},
    {"The United States cut arms sales to Saudi Arabia.", "USA>SAU weapons delivered negated", NULL},
    {"The decree lifts the ban on the export of air defence systems from Russia to Iran.",
     "RUS>IRN air_defense intent claimed", NULL},
    /* not a use: a ship's launch */
    {"Pakistan held a launching ceremony for a Chinese-built submarine.", "", NULL},
    /* orders won, approvals of possible sales, the aircraft that carry */
    {"Embraer has won a follow-on order from Lisbon for six more military transport aircraft.",
     "BRA>PRT aircraft agreed claimed", NULL},
    {"The State Department approved two possible arms sales to Norway on Monday.",
     "USA>NOR weapons agreed claimed", "USA>NOR weapons agreed claimed|system=|qty=|date=2024-06-10"},
    {"The State Department made a determination approving a possible Foreign Military Sale to "
     "the Government of Peru of Black Hawk helicopters.",
     "USA>PER aircraft agreed claimed", NULL},
    {"The State Department cleared a possible sale to Qatar of MQ-9B Remotely Piloted Aircraft.",
     "USA>QAT drone agreed claimed", NULL},
    {"The first of 12 armoured vehicles donated by Canada to Latvia left Ottawa aboard a "
     "Canadian Air Force C-17.",
     "CAN>LVA armored_vehicle delivered claimed", NULL},
    {"Turkey delivered Akinci drones to Somalia via Turkish military A400M transport aircraft.",
     "TUR>SOM drone delivered claimed", NULL},
    {"Saab will sell the Colombian air force the Gripen fighters.",
     "SWE>COL aircraft intent claimed", NULL},
    /* lists with a serial comma, participles, purposes put first */
    {"Minsk requested military assistance from Russia, China, and Iran, asking for drones.",
     "CHN>BLR weapons intent claimed; IRN>BLR weapons intent claimed; "
     "RUS>BLR weapons intent claimed", NULL},
    {"The vote follows months of efforts by the junta in Niger to secure military support from "
     "its allies, including Russia and Turkey.",
     "RUS>NER weapons intent claimed; TUR>NER weapons intent claimed", NULL},
    {"In a bid to acquire more drones from Turkey, Poland sent a delegation to Ankara.",
     "TUR>POL drone intent claimed", NULL},
    {"Kyiv received deliveries of F-16 jets from Norway.", "NOR>UKR aircraft delivered claimed",
     NULL},
    {"Some of the thousands of Chadian troops deployed in Mali have begun fighting.",
     "TCD>MLI personnel delivered claimed", NULL},
    /* schedules, plans given up, looking at buying, owners in objects */
    {"The delivery of 40 German Leopard tanks to Chile is still scheduled to be completed by "
     "2027.",
     "DEU>CHL armored_vehicle intent claimed", NULL},
    {"Peru has abandoned plans to purchase fighter jets from Moscow.",
     "RUS>PER aircraft intent negated", NULL},
    {"Sweden put on hold its plans to send Gripen jets to Peru.",
     "SWE>PER aircraft delivered negated", NULL},
    {"Chile will now be looking at purchasing Gripen fighters from Sweden.",
     "SWE>CHL aircraft intent claimed", NULL},
    {"A US decision to sell Algeria's rival Morocco 25 F-16 fighter jets angered Algiers.",
     "USA>MAR aircraft intent claimed", NULL},
    {"Poland said that supplying its tanks to Ukraine would weaken its defences.",
     "POL>UKR armored_vehicle delivered hypothetical", NULL},
    {"Iranian officials have denied they gave Russia drones.", "IRN>RUS drone delivered negated",
     NULL},
};

/* MARK: - No claim */

static const xcase none[] = {
    /* "they" in a new sentence are the ministers, not Russia */
    {"Russia hosted the defence ministers on Monday. They later sent drones to Mali.", "", NULL},
    {"Washington can impose sanctions on nations buying arms from Russia.", "", NULL},
    {"The three ministers said they have received approval from the United States to send the "
     "weapons to Ukraine.",
     "", NULL},
    {"Russia fired ballistic missiles at Kyiv overnight.", "", NULL},
    {"North Korea tested a new intercontinental ballistic missile on Monday.", "", NULL},
    {"China unveiled a stealth fighter jet at the Zhuhai air show.", "", NULL},
    {"Apple's supply of chips to China slowed as demand fell.", "", NULL},
    {"Fans threw missiles at players after the match between England and France.", "", NULL},
    {"The think tank in Washington said talks with Beijing would resume.", "", NULL},
    {"Brazil sent a trade delegation to Argentina to discuss beef exports.", "", NULL},
    {"Would Iran really sell drones to Venezuela?", "", NULL},
    {"Germany delivered 50 buses to Poland for the city transport network.", "", NULL},
    {"Ukraine shot down Russian drones over Odesa.", "", NULL},
    {"The United States has imposed sanctions on Iranian drone makers.", "", NULL},
    {"Boeing delivered 30 aircraft to Air China in the quarter.", "", NULL},
};

static void check(const xcase *cases, size_t n, const char *date)
{
    size_t failures = 0;
    for (size_t i = 0; i < n; i++)
        run(&cases[i], date, &failures);
    assert_int_equal(failures, 0);
}

#define CHECK(name, date) \
    static void test_##name(void **state) { (void)state; check(name, sizeof name / sizeof *name, date); }
CHECK(roles, "2024-06-15")
CHECK(stages, "2024-06-15")
CHECK(facts, "2024-06-15")
CHECK(refs, "2024-06-15")
CHECK(dates, "2024-06-15")
CHECK(none, "2024-06-15")
CHECK(phrasings, "2024-06-15")
CHECK(general, "2024-06-15")

static void test_claim_fields(void **state)
{
    (void)state;
    const char *text = "Kirby said Iran had supplied Russia with more than 200 Fatah-360 missiles.";
    at_doc doc = {.id = {"d", 1}, .text = {text, strlen(text)}, .date = {"2024-09-08", 10}};
    got g = {0};
    assert_int_equal(at_extract(dict, &doc, collect, &g, NULL), AT_OK);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.attrs[0],
                        "IRN>RUS ballistic_missile delivered claimed|system=Fatah-360|qty=200,-1|date=");
}

/* Who says so: the source's name as written, its party, the certainty.
 * A time expression next to the verb of saying dates the saying; it is
 * never the sayer. */
static int first_source(const at_doc *doc, const at_claim *c, void *user)
{
    (void)doc;
    char *out = user;
    if (!out[0])
        snprintf(out, 128, "%s|%.*s|%s", at_certainty_name(c->certainty),
                 (int)c->source_name.len, c->source_name.ptr ? c->source_name.ptr : "",
                 c->source_actor);
    return 0;
}

static void test_sources(void **state)
{
    (void)state;
    static const struct { const char *text, *want; } cases[] = {
        {"The Pentagon on Friday said Iran had shipped drones to Russia.",
         "reported|Pentagon|USA"},
        {"In October the State Department said Egypt had bought tanks from the United States.",
         "reported|State Department|USA"},
        {"Iran has sent drones to Russia, Kirby said on Thursday.", "reported|Kirby|USA"},
        {"According to Ukrainian intelligence, Iran has sent drones to Russia.",
         "assessed|Ukrainian intelligence|UKR"}, /* intelligence: an assessment */
        {"Iran has sent drones to Russia.", "asserted||"},
        {"US officials believe Iran has sent drones to Russia.", "assessed|US officials|USA"},
    };
    size_t failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *t = cases[i].text;
        at_doc doc = {.id = {"s", 1}, .text = {t, strlen(t)}, .date = {"2024-06-15", 10}};
        char got_src[128] = "";
        assert_int_equal(at_extract(dict, &doc, first_source, got_src, NULL), AT_OK);
        if (strcmp(got_src, cases[i].want)) {
            fprintf(stderr, "SOURCE MISMATCH: %s\n  want %s\n  got  %s\n", t, cases[i].want,
                    got_src);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static void test_dictionary_parties(void **state)
{
    (void)state;
    static const struct { const char *in, *party; } cases[] = {
        {"the Kremlin", NULL}, /* "the" is not part of the surface */
        {"Kremlin", "RUS"}, {"Iranian", "IRN"}, {"North Korean", "PRK"},
        {"Pyongyang", "PRK"}, {"White House", "USA"}, {"U.S.", "USA"},
        {"Houthis", "houthis"}, {"Hezbollah", "hezbollah"}, {"us", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got_party = at_dict_party(dict, cases[i].in);
        if (cases[i].party)
            assert_non_null(got_party);
        if (!cases[i].party)
            assert_null(got_party);
        else
            assert_string_equal(got_party, cases[i].party);
    }
}

static int setup(void **state)
{
    (void)state;
    at_error err = {0};
    dict = at_dict_load(AT_DATA_DIR, &err);
    if (!dict)
        fprintf(stderr, "%s:%zu: %s\n", err.file, err.line, err.msg);
    return dict ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    at_dict_free(dict);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles),     cmocka_unit_test(test_stages),
        cmocka_unit_test(test_facts),     cmocka_unit_test(test_refs),
        cmocka_unit_test(test_dates),     cmocka_unit_test(test_none),
        cmocka_unit_test(test_phrasings), cmocka_unit_test(test_general),
        cmocka_unit_test(test_claim_fields), cmocka_unit_test(test_sources),
        cmocka_unit_test(test_dictionary_parties),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
