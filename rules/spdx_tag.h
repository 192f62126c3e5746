/* SPDX-License-Identifier: MIT */
/* spdx_tag.h -- find SPDX-License-Identifier and SPDX-FileCopyrightText tags.
 *
 * A tag is "SPDX-License-Identifier:" (or "SPDX-FileCopyrightText:")
 * standing at the start of a comment: only white space and comment
 * markers may come before it on its line (//, #, slash-star, *, --, ;, %, <!--,
 * {-, (*, {, REM, @REM, ::, .., dnl, !, @, ', """, ''' and the like; a
 * UTF-8 BOM at the start of the text; not a "#!" line).  A tag
 * after prose ("add an SPDX-License-Identifier: line to ...") or inside
 * code (printf("SPDX-License-Identifier: %s")) is a mention, not a tag.
 *
 * The value runs to the end of the line (\n, \r\n or \r) or to the
 * comment's closing token (star-slash, -->, -}, *), """, ''', ]], }),
 * trimmed of white space.  A closer other than star-slash ends the value
 * only after its own opener on the line, or on a line with no marker
 * (inside a block comment opened above); elsewhere it stays in the value,
 * for the expression parser to reject.  An empty value is reported too
 * (value_len 0, the tag ending at the colon).  "SPDX-" is matched as
 * written (upper case, as the spec has it, so memmem can do the
 * scanning); the rest of the keyword case-insensitively.  Lines are
 * numbered from 1.
 *
 *   spdx_find_tags(text, len, fn, ctx)
 *       calls fn for each tag in order; stops early and returns fn's value
 *       when fn returns non-zero; returns 0 otherwise.
 *
 * text is UTF-8 (or ASCII-compatible), need not be NUL-terminated. */
#ifndef PETAL_SPDX_TAG_H
#define PETAL_SPDX_TAG_H

#include <stddef.h>

enum spdx_tag_kind {
	SPDX_TAG_LICENSE,   /* SPDX-License-Identifier */
	SPDX_TAG_COPYRIGHT, /* SPDX-FileCopyrightText */
};

struct spdx_tag {
	enum spdx_tag_kind kind;
	unsigned line;     /* 1-based line of the tag */
	size_t tag_off;    /* "SPDX-..." up to the end of the value */
	size_t tag_len;
	size_t value_off;  /* the value alone, trimmed */
	size_t value_len;
};

typedef int (*spdx_tag_fn)(void *ctx, const struct spdx_tag *tag);

int spdx_find_tags(const char *text, size_t len, spdx_tag_fn fn, void *ctx);

#endif
