/* SPDX-License-Identifier: MIT */
/* licmeta.c -- placeholder: replaced by the metadata module at merge.
 *
 * A few well-known ids so that the policy module (rules/policy.c) can be
 * built and tested before the real data file lands; everything else is
 * LM_UNKNOWN.  Nothing else belongs in this file. */
#include <string.h>

#include "licmeta.h"

struct lm_row {
	const char *id;
	enum lm_category c;
};

static const struct lm_row lm_rows[] = {
	{ "AGPL-1.0-only", LM_NETWORK_COPYLEFT },
	{ "AGPL-1.0-or-later", LM_NETWORK_COPYLEFT },
	{ "AGPL-3.0-only", LM_NETWORK_COPYLEFT },
	{ "AGPL-3.0-or-later", LM_NETWORK_COPYLEFT },
	{ "Apache-2.0", LM_PERMISSIVE },
	{ "BSD-2-Clause", LM_PERMISSIVE },
	{ "BSD-3-Clause", LM_PERMISSIVE },
	{ "CC0-1.0", LM_PUBLIC_DOMAIN },
	{ "CDDL-1.0", LM_WEAK_COPYLEFT },
	{ "EPL-1.0", LM_WEAK_COPYLEFT },
	{ "EPL-2.0", LM_WEAK_COPYLEFT },
	{ "GPL-1.0-only", LM_STRONG_COPYLEFT },
	{ "GPL-1.0-or-later", LM_STRONG_COPYLEFT },
	{ "GPL-2.0-only", LM_STRONG_COPYLEFT },
	{ "GPL-2.0-or-later", LM_STRONG_COPYLEFT },
	{ "GPL-3.0-only", LM_STRONG_COPYLEFT },
	{ "GPL-3.0-or-later", LM_STRONG_COPYLEFT },
	{ "ISC", LM_PERMISSIVE },
	{ "LGPL-2.0-only", LM_WEAK_COPYLEFT },
	{ "LGPL-2.0-or-later", LM_WEAK_COPYLEFT },
	{ "LGPL-2.1-only", LM_WEAK_COPYLEFT },
	{ "LGPL-2.1-or-later", LM_WEAK_COPYLEFT },
	{ "LGPL-3.0-only", LM_WEAK_COPYLEFT },
	{ "LGPL-3.0-or-later", LM_WEAK_COPYLEFT },
	{ "MIT", LM_PERMISSIVE },
	{ "MPL-1.0", LM_WEAK_COPYLEFT },
	{ "MPL-1.1", LM_WEAK_COPYLEFT },
	{ "MPL-2.0", LM_WEAK_COPYLEFT },
	{ "Unlicense", LM_PUBLIC_DOMAIN },
	{ "Zlib", LM_PERMISSIVE },
};

static const char *const lm_names[LM_NCATEGORIES] = {
	"permissive", "weak-copyleft", "strong-copyleft", "network-copyleft",
	"public-domain", "source-available", "proprietary-free", "unknown",
};

enum lm_category lm_category_of(const char *id)
{
	size_t i;

	for (i = 0; id && i < sizeof(lm_rows) / sizeof(lm_rows[0]); i++)
		if (!strcmp(lm_rows[i].id, id))
			return lm_rows[i].c;
	return LM_UNKNOWN;
}

const char *lm_category_name(enum lm_category c)
{
	return (unsigned)c < LM_NCATEGORIES ? lm_names[c] : "unknown";
}

int lm_category_parse(const char *s, enum lm_category *out)
{
	int i;

	for (i = 0; i < LM_NCATEGORIES; i++)
		if (!strcmp(lm_names[i], s)) {
			*out = (enum lm_category)i;
			return 0;
		}
	return -1;
}
