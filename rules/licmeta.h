/* SPDX-License-Identifier: MIT */
/* licmeta.h -- what petal knows about each license besides its text:
 * its category, and the obligations each kind of use triggers.
 *
 * The data is rules/licmeta.txt, written by this project (its top comment
 * gives the format and where each fact comes from).  rules/gen_licmeta.c
 * checks it against the embedded id list at build time and compiles it to
 * lm_table[], one entry per id of lic.h, in lic_at() order; nothing is
 * parsed at run time.
 *
 * A license entry lists, per use, the obligations the license puts on
 * that use (a bit set of enum lm_oblig) and one scope for the source
 * terms (disclose-source, network-disclosure).  An exception entry lists
 * what it lifts from the license it follows, per use, and may cap the
 * scope (Classpath: the library, not the program linking it).
 *
 *   lm_category_of(id)         the category of a canonical SPDX license or
 *                              exception id; LM_UNKNOWN when petal has none.
 *                              An exception's category is the one a
 *                              license it is written for takes with it
 *                              (GPL-2.0-only WITH Classpath-exception-2.0
 *                              is weak copyleft).
 *   lm_category_name(c)        "permissive", "weak-copyleft", ...
 *   lm_category_parse(s, &c)   the reverse; 0, or -1 for an unknown name
 *
 *   lm_find(id)                the entry of an id (any case), NULL if none
 *   lm_count(), lm_at(i)       every entry, parallel to lic_count/lic_at
 *   lm_use_parse/lm_use_name, lm_oblig_parse/lm_oblig_name, lm_scope_name,
 *   lm_basis_name              names as in licmeta.txt and the JSON output
 *
 *   lm_expr_eval(x, use, &res) obligations of an expression tree (expr.h):
 *                              AND takes both sides, OR the less demanding
 *                              side under use (lm_cost; the first on a tie),
 *                              WITH the license less what the exception
 *                              lifts.  res.chosen is the expression with
 *                              each OR resolved to the side taken.
 *   lm_result_release(&res)
 *   lm_with(&lic, ex)          lic becomes "lic WITH ex": per use the
 *                              obligations ex lifts dropped, the scope
 *                              capped by ex's (none left without source
 *                              terms in any use), ex's category when ex
 *                              has data.  The one rule lm_expr_eval, the
 *                              generator's "X = L WITH E" entries and the
 *                              obligation groups follow.
 *   lm_cost(oblig, scope, unknown)   the weight OR compares: a limit on use
 *                              outweighs network terms, then source terms by
 *                              scope, then the licence and paperwork; no
 *                              data outweighs everything
 *
 * Ownership: lm_find's entries are static; lm_result owns its strings.
 * Everything is read-only data: safe from any thread. */
#ifndef PETAL_LICMETA_H
#define PETAL_LICMETA_H

#include <stddef.h>

struct expr;

enum lm_category {
	LM_PERMISSIVE,
	LM_WEAK_COPYLEFT,
	LM_STRONG_COPYLEFT,
	LM_NETWORK_COPYLEFT,
	LM_PUBLIC_DOMAIN,
	LM_SOURCE_AVAILABLE, /* non-commercial and source-available licenses */
	LM_PROPRIETARY_FREE,
	LM_UNKNOWN,
	LM_NCATEGORIES
};

enum lm_category lm_category_of(const char *id);
const char *lm_category_name(enum lm_category c);
int lm_category_parse(const char *s, enum lm_category *out);

enum lm_use {
	LM_USE_INTERNAL,  /* run inside the organisation */
	LM_USE_SAAS,      /* run as a network service for others */
	LM_USE_BINARY,    /* distribute-binary: object code, packages, firmware */
	LM_USE_SOURCE,    /* distribute-source */
	LM_NUSES
};

/* Bits of lm_info.oblig[use].  Order is the order of output. */
enum lm_oblig {
	LM_INCLUDE_LICENSE_TEXT = 1u << 0,
	LM_KEEP_COPYRIGHT       = 1u << 1,  /* keep-copyright-notices */
	LM_STATE_CHANGES        = 1u << 2,
	LM_INCLUDE_NOTICE_FILE  = 1u << 3,
	LM_DISCLOSE_SOURCE      = 1u << 4,  /* scope: lm_info.scope */
	LM_SAME_LICENSE         = 1u << 5,
	LM_NETWORK_DISCLOSURE   = 1u << 6,  /* source to users over a network */
	LM_PATENT_GRANT         = 1u << 7,  /* the license grants patent rights */
	LM_PATENT_RETALIATION   = 1u << 8,  /* ... lost on a patent suit */
	LM_NO_TRADEMARK_USE     = 1u << 9,
	LM_NO_ENDORSEMENT       = 1u << 10,
	LM_NON_COMMERCIAL_ONLY  = 1u << 11, /* also: production use restricted */
};
#define LM_NOBLIGS 12

enum lm_scope {
	LM_SCOPE_NONE,
	LM_SCOPE_FILE,    /* the files that carry the license (MPL, EPL) */
	LM_SCOPE_LIBRARY, /* the library, not what links to it (LGPL) */
	LM_SCOPE_WORK,    /* the whole work based on it (GPL) */
};

enum lm_basis {
	LM_CURATED, /* read from the license's own text */
	LM_DERIVED, /* category from facts (family, OSI flag, grant wording) */
	LM_NODATA,  /* nothing known: category unknown, note says why */
};

struct lm_info {
	const char *id;                /* canonical, as lic.h */
	enum lm_category category;
	enum lm_basis basis;
	unsigned char exception;       /* 1: oblig[] is what it lifts */
	enum lm_scope scope;           /* licenses: of the source terms;
					* exceptions: the cap (NONE: no cap) */
	unsigned oblig[LM_NUSES];      /* enum lm_oblig bits */
	const char *note;              /* "" or what a reader should know */
};

const struct lm_info *lm_find(const char *id);
size_t lm_count(void);
const struct lm_info *lm_at(size_t i); /* parallel to lic_at(i) */

int lm_use_parse(const char *s, enum lm_use *out);
const char *lm_use_name(enum lm_use u);
const char *lm_oblig_name(unsigned bit); /* one bit; NULL otherwise */
int lm_oblig_parse(const char *s, unsigned *bit);
const char *lm_scope_name(enum lm_scope s);
const char *lm_basis_name(enum lm_basis b);

/* What an expression asks of one use. */
struct lm_result {
	unsigned oblig;         /* enum lm_oblig bits */
	enum lm_scope scope;    /* widest scope of the source terms */
	int unknown;            /* some license taken has no data (review) */
	long cost;              /* lm_cost of the above */
	char *chosen;           /* owned; the expression taken (ORs resolved) */
	char *choices;          /* owned; NULL, or "MIT over GPL-2.0-only; ..." */
};

long lm_cost(unsigned oblig, enum lm_scope scope, int unknown);
void lm_expr_eval(const struct expr *x, enum lm_use use, struct lm_result *out);
void lm_with(struct lm_info *lic, const struct lm_info *ex);
void lm_result_release(struct lm_result *r);

#endif
