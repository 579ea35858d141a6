/* dict.h: the loaded dictionaries and the phrase matcher.
 *
 * Every data file adds phrases to one table. A phrase is keyed by the hash
 * of its tokens' normalized forms (so "Shahed-136" = "Shahed 136"), and
 * each phrase carries one or more senses: a party, a weapon term, a
 * transfer verb or noun, or a cue word. The matcher finds the longest
 * phrase starting at a token; the extractor reads its senses. */
#ifndef AT_DICT_H
#define AT_DICT_H

#include "text.h"

enum sense_type { S_PARTY = 1, S_WEAPON, S_VERB, S_CUE };

enum party_kind { PK_NAME, PK_ADJ, PK_CAPITAL, PK_GOV, PK_PERSON, PK_COMPANY, PK_GROUP };

/* Weapon term strength: a weak term ("parts", "aircraft", "equipment")
 * names a weapon only in a sentence with military context; a block entry
 * ("think tank", "rounds of talks") is a phrase that is never a weapon. */
enum weapon_strength { W_STRONG, W_WEAK, W_BLOCK };

/* Verb frames: who is where around the trigger. */
enum frame {
    F_GIVE,    /* supplier = subject: supply, send, sell, provide */
    F_GET,     /* recipient = subject: receive, acquire, buy, seek */
    F_USE,     /* user (recipient) = subject; supplier from the weapon */
    F_ARRIVE,  /* the goods are the subject: "Z arrived in Y from X" */
    F_USE_WITH, /* a use whose weapons follow "with": "attacked X with Z" */
    F_TRAIN,   /* training given: "Norway will train Ukrainian pilots" */
    F_SEIZE,   /* a seizure: the goods' origin sent them where they were bound */
    F_GIVE_N,  /* nominal of giving: transfer, delivery, supply, sale */
    F_GET_N,   /* nominal of getting: purchase, acquisition, access */
    F_DEAL_N,  /* a deal, contract, agreement, order */
    F_TALK_N,  /* negotiations, talks */
    F_USE_N,   /* nominal of use: "X's use of Z", "attacks with Z" */
    F_SUPPLIER_N, /* who supplies: "Russia's main supplier of Z" */
    F_BUYER_N  /* who buys: "Armenia is a major buyer of Indian weapons" */
};

enum verb_form { VF_BASE, VF_PART, VF_ING };

enum cue {
    CUE_NEG = 1,     /* not, never, no evidence */
    CUE_DENY,        /* deny: negation whose source is the subject */
    CUE_HYP,         /* may, could, would, potential, any move */
    CUE_COND,        /* if, unless, whether: scope to the next comma */
    CUE_INTENT,      /* plan, intend, seek, want ... (+ to V) */
    CUE_NEGOTIATING, /* negotiations, talks (+ to V) */
    CUE_AGREED,      /* deal, contract, signed (+ to V) */
    CUE_CONTROL,     /* want/ask/urge X to V: intent, X is V's subject */
    CUE_WILL,        /* will, 'll, is set to: announced future = intent */
    CUE_REPORT,      /* said, according to, citing, accused */
    CUE_ASSESS,      /* believe, assess, likely */
    CUE_MADE,        /* X-made, X-built, X-designed */
    CUE_SUPPLIED,    /* X-supplied, X-provided */
    CUE_RETURN,      /* in return for, in exchange for */
    CUE_BOUNDARY,    /* but, while, though: ends a clause */
    CUE_REF,         /* such, these, those, same: a weapon reference */
    CUE_SKIP,        /* adverbs and aspect verbs a stage chain may cross */
    CUE_MILITARY,    /* words that make weak weapon terms count */
    CUE_MODAL,       /* may, could, would: hypothetical when tight */
    CUE_EVIDENCE,    /* "not seen any evidence that": negation reaches in */
    CUE_NONHEAD,     /* "missile strike", "drone programme": not a weapon */
    CUE_DEALVERB,    /* signed, struck, conducting (a deal) */
    CUE_SPEAKER,     /* officials, sources, intelligence: "US officials" speak */
    CUE_BOUND,       /* X-bound: goods headed for X */
    CUE_OWN,         /* indigenous, homegrown: a party's own weapons */
    CUE_ASPECT,      /* begin, continue, complete: a chain crosses them */
    CUE_WIN,         /* secured, won (an order): the order's giver buys */
    CUE_PURPOSE,     /* construction, production (of): made, not moved */
    CUE_CARRIER,     /* via, aboard: the vehicle that carries the goods */
    CUE_COUNT
};

typedef struct {
    uint8_t type;     /* enum sense_type */
    uint8_t caserule; /* 0 any, 1 capitalized first word, 2 exact capitals */
    uint8_t a;        /* party kind | category | frame | cue */
    uint8_t b;        /* weapon strength | verb form */
    uint8_t stage;    /* verbs: base stage */
    uint16_t id;      /* party index | system index + 1 (0 = none) */
} sense;

typedef struct {
    size_t len;         /* tokens matched; 0 when nothing matched */
    sense s[8];         /* the senses whose case rule the text meets */
    size_t nsenses;
} dict_match;

/* Longest phrase starting at token I that ends at or before token END. */
dict_match dict_lookup(const at_dict *d, const at_textview *tv, size_t i,
                       size_t end);

/* Whether TEXT (LEN bytes of UTF-8) may hold a claim at all: whether any
 * of its words is the first word of a phrase that flags a sentence. A
 * cheap scan that spares tokenizing most general news; never false for
 * a document dict_may_matter would pass a sentence of. */
bool dict_doc_may_matter(const at_dict *d, const char *text, size_t len);

/* Whether tokens [FIRST, END) hold the first word of any weapon phrase or
 * denial (with WEAK, of weak weapon words too): sentences without one
 * cannot yield a claim and are skipped. */
bool dict_may_matter(const at_dict *d, const at_textview *tv, size_t first, size_t end,
                     bool weak);

/* The sense of type T in M, or NULL. */
const sense *dict_sense(const dict_match *m, enum sense_type t);

const char *dict_party_code(const at_dict *d, uint16_t id);
/* Whether claims name party ID: every state, and the groups of
 * data/claim_slugs.tsv. */
bool dict_party_reported(const at_dict *d, uint16_t id);
const char *dict_system_name(const at_dict *d, uint16_t id);
/* The origin party index of a system, or -1. */
int dict_system_origin(const at_dict *d, uint16_t id);
/* Whether parties A and B are at war with each other (data/adversaries.tsv):
 * transfers between them are not read as claims. */
bool dict_adversaries(const at_dict *d, uint16_t a, uint16_t b);
/* Index of a party code, or -1. */
int dict_party_index(const at_dict *d, const char *code);

#endif
