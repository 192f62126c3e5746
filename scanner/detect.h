/* SPDX-License-Identifier: MIT */
/* detect.h -- run every detector over one file's decoded text.
 *
 * The detectors, cheap first: SPDX tags (rules/spdx_tag.h, with each
 * license expression checked and made canonical by rules/expr.h).  Later
 * detectors (license texts, notices, copyrights) add their findings here.
 * After them the file's expression is set: the AND of the distinct valid
 * license expressions found, in order of first appearance.
 *
 *   detect_text(text, len, r)   appends findings to r, sets r->expression
 *
 * text is UTF-8, need not be NUL-terminated.  No state; any thread. */
#ifndef PETAL_DETECT_H
#define PETAL_DETECT_H

#include <stddef.h>

#include "result.h"

void detect_text(const char *text, size_t len, struct file_result *r);

#endif
