/* SPDX-License-Identifier: MIT */
/* cli.c -- the scan options every scanning subcommand shares.  See cli.h. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"

enum {
	OPT_EXCLUDE = 256, OPT_FOLLOW, OPT_VCS, OPT_MAX_DEPTH, OPT_MAX_FILE, OPT_MAX_TOTAL,
	OPT_MAX_ENTRIES, OPT_MAX_RATIO, OPT_MIN_COVERAGE, OPT_NO_TEXT, OPT_NO_STANZAS,
};

static const char common_short[] = "f:o:j:qh";

static const struct option common_long[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "follow-symlinks", no_argument, NULL, OPT_FOLLOW },
	{ "include-vcs", no_argument, NULL, OPT_VCS },
	{ "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
	{ "max-file-size", required_argument, NULL, OPT_MAX_FILE },
	{ "max-total", required_argument, NULL, OPT_MAX_TOTAL },
	{ "max-entries", required_argument, NULL, OPT_MAX_ENTRIES },
	{ "max-ratio", required_argument, NULL, OPT_MAX_RATIO },
	{ "min-coverage", required_argument, NULL, OPT_MIN_COVERAGE },
	{ "no-text", no_argument, NULL, OPT_NO_TEXT },
	{ "no-stanzas", no_argument, NULL, OPT_NO_STANZAS },
};

#define NCOMMON (sizeof(common_long) / sizeof(common_long[0]))

void cli_common_help(FILE *f)
{
	fputs("Scan options (the same in scan, check, sbom, obligations and notice):\n"
	      "  -o, --output FILE      write to FILE instead of stdout (removed when it\n"
	      "                         could not be written whole)\n"
	      "  -j, --jobs N           worker threads, 1..1024 (default: online CPUs)\n"
	      "  -q, --quiet            no progress line (failed inputs are still named)\n"
	      "      --exclude GLOB     skip paths matching GLOB (repeatable; a GLOB with '/'\n"
	      "                         matches the path below the root, else the base name;\n"
	      "                         a trailing '/' matches directories only)\n"
	      "      --follow-symlinks  follow links that stay inside the scanned tree\n"
	      "      --include-vcs      also scan .git, .hg, .svn, .bzr, CVS, _darcs\n"
	      "      --max-depth N      nested archive levels opened (default 8)\n"
	      "      --max-file-size SZ bytes of one file analysed (default 64M)\n"
	      "      --max-total SZ     bytes expanded from one archive (default 16G)\n"
	      "      --max-entries N    entries read from one archive (default 1000000)\n"
	      "      --max-ratio N      expansion ratio of one archive (default 1000)\n"
	      "      --min-coverage N   % of a license text that must match for the file to\n"
	      "                         be said to carry it (default 90); less is reported\n"
	      "                         as a partial match\n"
	      "      --no-text          SPDX tags and copyrights only: no license text matching\n"
	      "      --no-stanzas       do not apply REUSE.toml, .reuse/dep5 or debian/copyright\n"
	      "                         to the files they cover: what the files say only\n", f);
}

/* --- options ------------------------------------------------------------------ */

int cli_parse_size(const struct cli *c, const char *opt, const char *s, uint64_t min,
		   uint64_t *out)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end && !end[1])
		shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20
		      : *end == 'G' || *end == 'g' ? 30 : -1;
	if (errno || end == s || *s == '-' || shift < 0 || (*end && end[1]) || v < min ||
	    (shift && v > (~0ull >> shift))) {
		fprintf(stderr, "petal %s: --%s: not a valid number: '%s'\n", c->name, opt, s);
		return -1;
	}
	*out = (uint64_t)v << shift;
	return 0;
}

/* A number in lo..hi, else the message. */
static int parse_range(const struct cli *c, const char *opt, const char *s, uint64_t lo,
		       uint64_t hi, uint64_t *out)
{
	if (cli_parse_size(c, opt, s, lo, out) < 0)
		return -1;
	if (*out > hi) {
		fprintf(stderr, "petal %s: --%s: %llu..%llu, not '%s'\n", c->name, opt,
			(unsigned long long)lo, (unsigned long long)hi, s);
		return -1;
	}
	return 0;
}

static int parse_limit(struct cli *c, int opt, const char *arg)
{
	struct arc_limits *lim = &c->po.lim;
	uint64_t v;

	switch (opt) {
	case OPT_MAX_DEPTH:
		if (parse_range(c, "max-depth", arg, 0, 64, &v) < 0)
			return -1;
		lim->max_depth = (unsigned)v;
		return 0;
	case OPT_MAX_FILE:
		return parse_range(c, "max-file-size", arg, 1, (uint64_t)1 << 40,
				   &lim->max_entry_bytes);
	case OPT_MAX_TOTAL:
		return cli_parse_size(c, "max-total", arg, 1, &lim->max_total_bytes);
	case OPT_MAX_ENTRIES:
		return cli_parse_size(c, "max-entries", arg, 1, &lim->max_entries);
	default:
		return cli_parse_size(c, "max-ratio", arg, 1, &lim->max_ratio);
	}
}

static int parse_format(struct cli *c, const char *arg)
{
	size_t i;

	for (i = 0; c->formats && c->formats[i]; i++)
		if (!strcmp(c->formats[i], arg)) {
			c->format = c->formats[i];
			return 0;
		}
	fprintf(stderr, "petal %s: unknown format '%s'\n", c->name, arg);
	return -1;
}

/* 0 taken, -1 usage error, 1 not a common option. */
static int common_opt(struct cli *c, int opt, const char *arg)
{
	uint64_t v;

	switch (opt) {
	case 'f': return parse_format(c, arg);
	case 'o': c->out_path = strcmp(arg, "-") ? arg : NULL; return 0; /* "-": stdout */
	case 'q': c->quiet = 1; return 0;
	case OPT_FOLLOW: c->po.walk.follow = 1; return 0;
	case OPT_VCS: c->po.walk.vcs = 1; return 0;
	case OPT_NO_TEXT: c->no_text = 1; return 0;
	case OPT_NO_STANZAS: c->no_stanzas = 1; return 0;
	case OPT_EXCLUDE:
		c->excludes = xrealloc(c->excludes, (c->nexcludes + 1) * sizeof(*c->excludes));
		c->excludes[c->nexcludes++] = arg;
		return 0;
	case 'j':
		if (parse_range(c, "jobs", arg, 1, 1024, &v) < 0)
			return -1;
		c->po.jobs = (unsigned)v;
		return 0;
	case OPT_MIN_COVERAGE:
		if (parse_range(c, "min-coverage", arg, 1, 100, &v) < 0)
			return -1;
		c->po.detect.min_coverage = (int)v;
		return 0;
	case OPT_MAX_DEPTH: case OPT_MAX_FILE: case OPT_MAX_TOTAL:
	case OPT_MAX_ENTRIES: case OPT_MAX_RATIO:
		return parse_limit(c, opt, arg);
	default:
		return 1;
	}
}

static void help(const struct cli *c, FILE *f)
{
	fputs(c->usage, f);
	fputc('\n', f);
	cli_common_help(f);
	fputc('\n', f);
	fputs(c->exit_help, f);
}

/* The common options, then the command's own (getopt_long wants one table). */
static struct option *merged(const struct option *own)
{
	size_t n = 0;
	struct option *all;

	while (own && own[n].name)
		n++;
	all = xcalloc(NCOMMON + n + 1, sizeof(*all));
	memcpy(all, common_long, sizeof(common_long));
	if (n)
		memcpy(all + NCOMMON, own, n * sizeof(*own));
	return all;
}

int cli_parse(struct cli *c, int argc, char **argv, const char *own_short,
	      const struct option *own_long, cli_own_fn own, void *ctx)
{
	static const char *const here[] = { "." };
	struct option *opts = merged(own_long);
	struct buf shorts = BUF_INIT;
	int opt, rc = 1;

	pipeline_opts_default(&c->po);
	buf_printf(&shorts, "%s%s", common_short, own_short ? own_short : "");
	optind = 1;
	while (rc > 0 && (opt = getopt_long(argc, argv, shorts.data, opts, NULL)) != -1) {
		int r = opt == 'h' ? 0 : common_opt(c, opt, optarg);

		if (opt == 'h') {
			help(c, stdout);
			rc = 0;
		} else if (r > 0 && opt != '?' && own) {
			r = own(c, opt, optarg, ctx);
		}
		if (r != 0 && opt != 'h') {
			help(c, stderr);
			rc = -1;
		}
	}
	free(opts);
	buf_release(&shorts);
	c->po.walk.excludes = c->excludes;
	c->po.walk.nexcludes = c->nexcludes;
	c->roots = optind < argc ? (const char *const *)argv + optind : here;
	c->nroots = optind < argc ? (size_t)(argc - optind) : 1;
	return rc;
}

/* --- the scan ----------------------------------------------------------------- */

int cli_open(struct cli *c)
{
	c->out = stdout;
	if (c->out_path && !(c->out = fopen(c->out_path, "w"))) {
		fprintf(stderr, "petal: %s: cannot write: %s\n", c->out_path, strerror(errno));
		return -1;
	}
	return 0;
}

static void show_progress(void *ctx, const struct pipeline_counts *n)
{
	struct cli *c = ctx;

	if (n->seconds < 1.0)
		return;
	fprintf(stderr, "\rpetal: %llu files, %.0f MB, %.0f s ", (unsigned long long)n->files,
		(double)n->bytes / 1e6, n->seconds);
	c->progress_shown = 1;
}

void cli_failed(struct cli *c, const char *path, const char *what, const char *reason)
{
	if (c->failures++ < CLI_SHOW_FAILURES)
		fprintf(stderr, "%spetal: %s: %s%s\n", c->progress_shown ? "\r\033[K" : "", path,
			what, reason);
}

static int cli_sink(void *ctx, const struct file_result *r)
{
	struct cli *c = ctx;

	if (r->status == FS_FAILED)
		cli_failed(c, r->path, "", r->error ? r->error : "failed");
	c->sink_rc = c->sink(c->sink_ctx, r);
	return c->sink_rc;
}

int cli_run(struct cli *c, int (*sink)(void *ctx, const struct file_result *r), void *ctx)
{
	struct pipeline_progress prog = { show_progress, c, 250 };
	struct perr e = { PERR_OK, "" };
	struct mani_annots *annots;
	int rc;

	if (idx_open(&c->idx, &e) < 0) {
		fprintf(stderr, "petal: %s\n", e.msg);
		return -1;
	}
	c->po.detect.idx = c->no_text ? NULL : &c->idx;
	c->sink = sink;
	c->sink_ctx = ctx;
	c->po.annots = annots = c->no_stanzas ? NULL : mani_annots_load(c->roots, c->nroots);
	rc = pipeline_run(c->roots, c->nroots, &c->po, cli_sink, c,
			  c->quiet || !isatty(STDERR_FILENO) ? NULL : &prog, &e);
	mani_annots_free(annots);
	c->po.annots = NULL;
	if (c->progress_shown)
		fputs("\r\033[K", stderr);
	c->progress_shown = 0;
	if (rc != 0 && c->sink_rc)
		return 1;
	if (rc != 0) {
		fprintf(stderr, "petal: %s\n", e.msg);
		return -1;
	}
	return 0;
}

/* --- the output --------------------------------------------------------------- */

/* Closes the output (not stdout, which is flushed); err, or why the
 * close failed (errno as the failed write left it: the commands clear it
 * before writing).  A regular -o file is removed when removing; 1 when it was. */
static int close_out(struct cli *c, int *err, int removing)
{
	struct stat st;
	int regular, removed = 0;

	if (!c->out)
		return 0;
	regular = c->out != stdout && fstat(fileno(c->out), &st) == 0 && S_ISREG(st.st_mode);
	if (!*err && (fflush(c->out) != 0 || ferror(c->out)))
		*err = errno ? errno : EIO;
	if (c->out != stdout && fclose(c->out) != 0 && !*err)
		*err = errno ? errno : EIO;
	c->out = NULL;
	if ((*err || removing) && regular && c->out_path)
		removed = unlink(c->out_path) == 0;
	return removed;
}

int cli_close(struct cli *c, int err)
{
	int removed = close_out(c, &err, 0);
	if (err)
		fprintf(stderr, "petal: %s: cannot write the %s: %s%s%s%s\n",
			c->out_path ? c->out_path : "stdout", c->what, strerror(err),
			removed ? " (the partial " : "", removed ? c->what : "", removed ? " was removed)" : "");
	if (c->failures > CLI_SHOW_FAILURES)
		fprintf(stderr, "petal: %llu more inputs failed (all are in the %s)\n",
			(unsigned long long)(c->failures - CLI_SHOW_FAILURES), c->what);
	return err ? -1 : 0;
}

void cli_discard(struct cli *c)
{
	int err = 0;

	close_out(c, &err, 1);
}

void cli_free(struct cli *c)
{
	free(c->excludes);
	c->excludes = NULL;
	c->nexcludes = 0;
	c->po.walk.excludes = NULL;
	c->po.walk.nexcludes = 0;
}
