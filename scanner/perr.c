/* SPDX-License-Identifier: MIT */
#include "perr.h"

#include <stdarg.h>
#include <stdio.h>

int perr_set(struct perr *e, enum perr_code code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void perr_clear(struct perr *e)
{
	e->code = PERR_OK;
	e->msg[0] = '\0';
}
