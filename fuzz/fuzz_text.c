/* SPDX-License-Identifier: MIT */
/* fuzz_text.c -- the text decoder and the tokenizer on arbitrary bytes.
 *
 * The first byte picks the encoding hint (as ftype_sniff would have said,
 * or not: the decoder must take any bytes under any hint); the rest is
 * the file.  Checked: the decoded text is valid UTF-8; every word is
 * 1..TOK_MAX_WORD lower-case ASCII letters and digits, on a line that
 * never goes back and never passes the line count; lines walked with
 * text_line_end/text_next_line agree with text_count_lines; text_cut
 * stays within bounds and on a UTF-8 boundary; text_escape writes valid
 * UTF-8 with no control bytes. */
#include <string.h>

#include "fuzz.h"
#include "ftype.h"
#include "text.h"
#include "tok.h"

struct seen {
	unsigned last_line;
	unsigned lines;
};

static int check_word(void *ctx, const char *word, size_t len, unsigned line)
{
	struct seen *s = ctx;
	size_t i;

	if (len == 0 || len > TOK_MAX_WORD || word[len] != '\0')
		__builtin_trap();
	for (i = 0; i < len; i++)
		if (!((word[i] >= 'a' && word[i] <= 'z') || (word[i] >= '0' && word[i] <= '9')))
			__builtin_trap();
	if (line < s->last_line || line == 0 || line > s->lines)
		__builtin_trap();
	s->last_line = line;
	return 0;
}

/* Walks the lines one by one; their number must be what
 * text_count_lines says (a last line without terminator counts too). */
static unsigned check_lines(const char *t, size_t tn)
{
	const char *p = t, *end = t + tn;
	unsigned n = 0;

	while (p < end) {
		const char *eol = text_line_end(p, end);
		const char *next = text_next_line(eol, end);

		if (eol < p || eol > end || next <= p || next > end)
			__builtin_trap();
		if (text_line_start(t, eol) != p)
			__builtin_trap();
		n++;
		p = next;
	}
	if (tn && text_count_lines(t, end, end) + (end[-1] != '\n' && end[-1] != '\r') != n)
		__builtin_trap();
	return n;
}

static void check_escape(const unsigned char *b, size_t n)
{
	struct buf esc = BUF_INIT;
	size_t i;

	text_escape(&esc, b, n);
	if (text_utf8_len((const unsigned char *)esc.data, esc.len) != esc.len)
		__builtin_trap();
	for (i = 0; i < esc.len; i++)
		if ((unsigned char)esc.data[i] < 0x20 || esc.data[i] == 0x7f)
			__builtin_trap();
	buf_release(&esc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum text_enc hints[] = { ENC_UTF8, ENC_LATIN1, ENC_UTF16LE, ENC_UTF16BE };
	struct buf dec = BUF_INIT;
	struct seen s = { 0, 0 };
	enum text_enc hint;
	const char *t;
	size_t tn, cut;

	if (size == 0)
		return 0;
	hint = hints[data[0] & 3];
	if (data[0] & 4)
		(void)ftype_sniff(data + 1, size - 1, &hint);
	if (hint == ENC_NONE)
		hint = ENC_UTF8;
	text_decode(data + 1, size - 1, hint, &dec, &t, &tn);
	if (text_utf8_len((const unsigned char *)t, tn) != tn)
		__builtin_trap();
	s.lines = check_lines(t, tn);
	tok_words(t, tn, check_word, &s);
	cut = text_cut(t, tn, data[0]);
	if (cut > tn || cut > data[0] || text_utf8_len((const unsigned char *)t, cut) != cut)
		__builtin_trap();
	check_escape(data + 1, size - 1);
	buf_release(&dec);
	return 0;
}
