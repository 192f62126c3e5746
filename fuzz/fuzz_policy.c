/* SPDX-License-Identifier: MIT */
/* fuzz_policy.c -- policy files (YAML) from untrusted repositories: the
 * reader must refuse anything malformed with a place and a reason, and a
 * policy it accepts must judge expressions and match its globs safely. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "policy.h"

static const char *const exprs[] = {
	"MIT", "GPL-2.0-or-later WITH Classpath-exception-2.0", "Apache-2.0+ OR LicenseRef-x",
	"(MIT OR GPL-3.0-only) AND (AGPL-3.0-only OR LGPL-2.1-only)",
};

static const char *const paths[] = {
	"vendor/a/b.c", "src/x.c", "dist.tar.gz!/pkg/node_modules/left-pad/index.js", "",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy_pos pos;
	struct perr e;
	struct policy *p = policy_parse((const char *)data, size, &pos, &e);
	size_t i, j;

	if (!p) {
		if (e.code != PERR_USAGE || !e.msg[0])
			abort(); /* every refusal says why */
		return 0;
	}
	for (i = 0; i < sizeof(exprs) / sizeof(exprs[0]); i++) {
		struct expr *x = expr_parse(exprs[i], strlen(exprs[i]), NULL);
		struct policy_decision d;

		for (j = 0; j < POLICY_NUSES; j++) {
			policy_set_use(p, (enum policy_use)j);
			policy_eval(p, x, j < p->nexc ? &p->exc[j] : NULL, &d);
			if (!d.rule || d.verdict != d.rule->verdict || !d.leaf)
				abort();
			free(d.leaf);
		}
		expr_free(x);
	}
	for (i = 0; i < p->nexc; i++)
		for (j = 0; j < sizeof(paths) / sizeof(paths[0]); j++)
			if (p->exc[i].path)
				policy_glob_match(p->exc[i].path, paths[j]);
	policy_free(p);
	return 0;
}
