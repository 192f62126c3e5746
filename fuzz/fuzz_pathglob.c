/* SPDX-License-Identifier: MIT */
/* fuzz_pathglob.c -- the glob matcher on arbitrary patterns and paths, in
 * every dialect (globs come from policy files, REUSE.toml, DEP-5 files and
 * the command line).
 *
 * Input: pattern, a NUL byte, path (no NUL: the path is empty).  Checked:
 * every dialect answers 0 or 1 and returns (no blow-up: the matcher is
 * linear in pattern x path); what REUSE.toml's dialect matches DEP-5's
 * does too (its '*' and '?' only match less); "**" in REUSE.toml and "*"
 * in DEP-5 match every path; a pattern of plain bytes matches itself in
 * DEP-5 and REUSE.toml. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pathglob.h"

static int plain(const char *s)
{
	return !strpbrk(s, "*?[\\");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *pat = malloc(size + 2), *path;
	static const unsigned dialects[] = { PATHGLOB_EXCLUDE, PATHGLOB_POLICY, PATHGLOB_DEP5,
					     PATHGLOB_REUSE };
	size_t i;
	int dep5, reuse;

	if (!pat)
		return 0;
	memcpy(pat, data, size);
	pat[size] = pat[size + 1] = '\0';
	path = pat + strlen(pat) + 1;
	for (i = 0; i < sizeof(dialects) / sizeof(dialects[0]); i++)
		if ((unsigned)pathglob_match(pat, path, dialects[i]) > 1)
			__builtin_trap();
	dep5 = pathglob_match(pat, path, PATHGLOB_DEP5);
	reuse = pathglob_match(pat, path, PATHGLOB_REUSE);
	if (reuse && !dep5)
		__builtin_trap();
	if (!pathglob_match("**", path, PATHGLOB_REUSE) || !pathglob_match("*", path, PATHGLOB_DEP5))
		__builtin_trap();
	if (plain(pat) && (!pathglob_match(pat, pat, PATHGLOB_DEP5) ||
			   !pathglob_match(pat, pat, PATHGLOB_REUSE)))
		__builtin_trap();
	free(pat);
	return 0;
}
