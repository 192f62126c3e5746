/* SPDX-License-Identifier: MIT */
/* fuzz_licmeta.c -- obligations of SPDX expressions from untrusted files
 * (lm_expr_eval over what expr_parse accepts).
 *
 * Properties: for every use, the expression taken parses, has no OR left,
 * and evaluates to the same obligations, scope and unknown flag; a choice
 * is recorded exactly when the input has an OR. */
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "fuzz.h"
#include "licmeta.h"

static int has_or(const struct expr *x)
{
	for (; x; x = x->left)
		if (x->kind == EXPR_OR || (x->right && has_or(x->right)))
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct perr e;
	struct expr *x = expr_parse((const char *)data, size, &e);
	int u;

	if (!x)
		return 0;
	for (u = 0; u < LM_NUSES; u++) {
		struct lm_result r, again;
		struct expr *y;

		lm_expr_eval(x, (enum lm_use)u, &r);
		y = expr_parse(r.chosen, strlen(r.chosen), &e);
		if (!y || has_or(y) || !r.choices != !has_or(x))
			abort();
		lm_expr_eval(y, (enum lm_use)u, &again);
		if (again.oblig != r.oblig || again.scope != r.scope || again.unknown != r.unknown ||
		    strcmp(again.chosen, r.chosen) || again.choices)
			abort();
		lm_result_release(&again);
		lm_result_release(&r);
		expr_free(y);
	}
	expr_free(x);
	return 0;
}
