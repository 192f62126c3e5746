/* SPDX-License-Identifier: MIT */
/* fuzz_baseline.c -- `petal check --baseline FILE` reads a report that CI
 * keeps around, so anyone who can write it chooses its bytes: the reader
 * must refuse what is not a report, with a reason, and never crash. */
#include <stdlib.h>

#include "check.h"
#include "fuzz.h"
#include "policy.h"

static const char policy[] = "version: 1\ndefault: allow\ndeny: [GPL-3.0-only]\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const roots[] = { "." };
	struct policy_pos pos;
	struct perr e;
	struct policy *p = policy_parse(policy, sizeof(policy) - 1, &pos, &e);
	struct check *ck;

	if (!p)
		abort();
	ck = check_new(p, roots, 1);
	if (size <= 1u << 20 && check_baseline_json(ck, (const char *)data, size, &e) < 0 &&
	    (e.code != PERR_USAGE || !e.msg[0]))
		abort(); /* every refusal says why */
	check_free(ck);
	policy_free(p);
	return 0;
}
