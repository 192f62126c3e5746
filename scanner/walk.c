/* SPDX-License-Identifier: MIT */
/* walk.c -- depth-first, path-ordered directory walk.  See walk.h.
 *
 * Each directory is read whole, its names sorted, then visited; the
 * (device, inode) pairs of the directories on the current branch are kept
 * so that a followed link back into that branch is caught as a loop. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include "buf.h"
#include "pathglob.h"

struct dir_id {
	dev_t dev;
	ino_t ino;
};

struct walker {
	const struct walk_opts *o;
	walk_fn fn;
	void *ctx;
	struct buf path;   /* the current path */
	size_t root_len;   /* bytes of path that are the root ("" for ".") */
	char *root_real;   /* realpath of the root, for --follow-symlinks */
	struct dir_id *stack;
	size_t depth, cap;
};

struct name {
	char *s;
	unsigned char type; /* DT_* */
};

static const char *const vcs_dirs[] = { ".git", ".hg", ".svn", ".bzr", "CVS", "_darcs" };

static int emit(struct walker *w, enum walk_kind kind, const char *reason, int is_dir)
{
	const char *p = w->path.len ? w->path.data : ".";
	struct walk_entry ent = { kind, p, p, NULL, reason, is_dir };

	return w->fn(w->ctx, &ent);
}

static int is_vcs(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(vcs_dirs) / sizeof(vcs_dirs[0]); i++)
		if (!strcmp(name, vcs_dirs[i]))
			return 1;
	return 0;
}

/* The glob that excludes this path, or NULL.  A glob ending in '/' only
 * matches directories ("build/"), as in .gitignore.  Not inlined: pat
 * would sit in the frame of visit(), which recurses once per level. */
__attribute__((noinline)) static const char *excluded(const struct walker *w, const char *name, int is_dir)
{
	const char *rel = w->path.data + w->root_len;
	char pat[PATH_MAX];
	size_t i;

	while (*rel == '/')
		rel++;
	for (i = 0; i < w->o->nexcludes; i++) {
		const char *g = w->o->excludes[i];
		size_t n = strlen(g);

		if (n > 1 && g[n - 1] == '/') {
			if (!is_dir || n >= sizeof(pat))
				continue;
			memcpy(pat, g, n - 1);
			pat[n - 1] = '\0';
			g = pat;
		}
		if (pathglob_match(g, strchr(g, '/') ? rel : name, PATHGLOB_EXCLUDE))
			return w->o->excludes[i];
	}
	return NULL;
}

/* Orders siblings as their full paths sort: a directory "a" as "a/". */
static int name_cmp(const void *pa, const void *pb)
{
	const struct name *a = pa, *b = pb;
	const unsigned char *x = (const unsigned char *)a->s, *y = (const unsigned char *)b->s;
	unsigned cx, cy;

	while (*x && *x == *y)
		x++, y++;
	cx = *x ? *x : a->type == DT_DIR ? '/' : 0;
	cy = *y ? *y : b->type == DT_DIR ? '/' : 0;
	if (cx != cy)
		return cx < cy ? -1 : 1;
	return strcmp((const char *)x, (const char *)y);
}

static int on_stack(const struct walker *w, dev_t dev, ino_t ino)
{
	size_t i;

	for (i = 0; i < w->depth; i++)
		if (w->stack[i].dev == dev && w->stack[i].ino == ino)
			return 1;
	return 0;
}

static struct name *read_names(DIR *d, size_t *count)
{
	struct name *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;

	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n].s = xstrdup(de->d_name);
		v[n].type = de->d_type;
		if (v[n].type == DT_UNKNOWN) {
			struct stat st;

			v[n].type = fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ? DT_UNKNOWN
				    : S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG
				    : S_ISLNK(st.st_mode) ? DT_LNK : DT_FIFO;
		}
		n++;
	}
	if (n)
		qsort(v, n, sizeof(*v), name_cmp);
	*count = n;
	return v;
}

static int walk_dir(struct walker *w);
static int visit(struct walker *w, const struct name *nm);

static int walk_dir(struct walker *w)
{
	DIR *d = opendir(w->path.len ? w->path.data : ".");
	struct name *names;
	struct stat st;
	size_t i, n, len = w->path.len;
	int rc = 0, pushed = 0;

	if (!d)
		return emit(w, WALK_ERROR, strerror(errno), 1);
	if (fstat(dirfd(d), &st) == 0) {
		pushed = 1;
		if (w->depth == w->cap) {
			w->cap = w->cap ? w->cap * 2 : 16;
			w->stack = xrealloc(w->stack, w->cap * sizeof(*w->stack));
		}
		w->stack[w->depth++] = (struct dir_id){ st.st_dev, st.st_ino };
	}
	names = read_names(d, &n);
	closedir(d);
	for (i = 0; i < n; i++) {
		if (!rc) {
			w->path.len = len;
			if (len && w->path.data[len - 1] != '/')
				buf_addc(&w->path, '/');
			buf_adds(&w->path, names[i].s);
			rc = visit(w, &names[i]);
		}
		free(names[i].s);
	}
	free(names);
	w->path.len = len;
	if (w->path.data)
		w->path.data[len] = '\0';
	w->depth -= pushed;
	return rc;
}

static int visit_link(struct walker *w);

/* The reason is built on the heap: visit() recurses once per directory
 * level (up to PATH_MAX / 2 levels), so its frame stays small. */
static int emit_excluded(struct walker *w, const char *glob, int is_dir)
{
	struct buf why = BUF_INIT;
	int rc;

	buf_printf(&why, "excluded by --exclude '%s'", glob);
	rc = emit(w, WALK_SKIPPED, why.data, is_dir);
	buf_release(&why);
	return rc;
}

static int visit(struct walker *w, const struct name *nm)
{
	const char *glob = excluded(w, nm->s, nm->type == DT_DIR);

	if (glob)
		return emit_excluded(w, glob, nm->type == DT_DIR);
	switch (nm->type) {
	case DT_DIR:
		if (!w->o->vcs && is_vcs(nm->s))
			return emit(w, WALK_SKIPPED,
				    "version control directory, not scanned (--include-vcs scans it)", 1);
		return walk_dir(w);
	case DT_REG:
		return emit(w, WALK_FILE, NULL, 0);
	case DT_LNK:
		return visit_link(w);
	case DT_UNKNOWN:
		return emit(w, WALK_ERROR, "vanished or cannot be stat'ed during the scan", 0);
	default:
		return emit(w, WALK_SPECIAL, NULL, 0);
	}
}

static int inside(const char *root, const char *real)
{
	size_t n = strlen(root);

	if (n == 1 && root[0] == '/')
		return 1;
	return !strncmp(root, real, n) && (real[n] == '/' || real[n] == '\0');
}

/* Follows the link at w->path when opts.follow allows it. */
static int follow_link(struct walker *w, struct walk_entry *ent)
{
	char *real = realpath(w->path.data, NULL);
	struct stat st;
	int rc;

	if (!real || stat(real, &st) < 0)
		ent->reason = "dangling symlink, not followed";
	else if (!inside(w->root_real, real))
		ent->reason = "symlink leads out of the scanned tree, not followed";
	else if (S_ISDIR(st.st_mode) && on_stack(w, st.st_dev, st.st_ino))
		ent->reason = "symlink loop, not followed";
	else if (S_ISDIR(st.st_mode)) {
		free(real);
		return walk_dir(w);
	} else if (S_ISREG(st.st_mode)) {
		struct walk_entry f = { WALK_FILE, w->path.data, real, NULL, NULL, 0 };

		rc = w->fn(w->ctx, &f);
		free(real);
		return rc;
	} else
		ent->reason = "symlink to a special file, not followed";
	free(real);
	return w->fn(w->ctx, ent);
}

static int visit_link(struct walker *w)
{
	char target[PATH_MAX];
	ssize_t n = readlink(w->path.data, target, sizeof(target) - 1);
	struct walk_entry ent;

	if (n < 0)
		return emit(w, WALK_ERROR, strerror(errno), 0);
	target[n] = '\0';
	ent = (struct walk_entry){ WALK_SYMLINK, w->path.data, w->path.data, target, NULL, 0 };
	if (w->o->follow && w->root_real)
		return follow_link(w, &ent);
	return w->fn(w->ctx, &ent);
}

const char *walk_root_name(const char *root, size_t *len)
{
	size_t n;

	while (root[0] == '.' && root[1] == '/' && root[2])
		root += 2;
	n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		n--;
	*len = n == 1 && root[0] == '.' ? 0 : n;
	return root;
}

char *walk_root_dup(const char *root)
{
	size_t n;

	root = walk_root_name(root, &n);
	return xstrndup(root, n);
}

static void set_root(struct walker *w, const char *root)
{
	size_t n;

	root = walk_root_name(root, &n);
	buf_reset(&w->path);
	buf_add(&w->path, root, n);
	w->root_len = w->path.len;
}

static int walk_root(struct walker *w, const char *root)
{
	const char *shown;
	struct stat st;
	int rc;

	set_root(w, root);
	shown = w->path.len ? w->path.data : ".";
	if (stat(shown, &st) < 0) {
		struct walk_entry ent = { WALK_ERROR, shown, shown, NULL, strerror(errno), 0 };

		return w->fn(w->ctx, &ent);
	}
	w->root_real = realpath(shown, NULL);
	if (S_ISDIR(st.st_mode))
		rc = walk_dir(w);
	else if (S_ISREG(st.st_mode)) {
		struct walk_entry ent = { WALK_FILE, shown, w->root_real ? w->root_real : shown,
					  NULL, NULL, 0 };

		rc = w->fn(w->ctx, &ent);
	} else
		rc = emit(w, WALK_SPECIAL, NULL, 0);
	free(w->root_real);
	w->root_real = NULL;
	return rc;
}

int walk_run(const char *const *roots, size_t nroots, const struct walk_opts *opts,
	     walk_fn fn, void *ctx)
{
	struct walker w = { opts, fn, ctx, BUF_INIT, 0, NULL, NULL, 0, 0 };
	size_t i;
	int rc = 0;

	for (i = 0; i < nroots && !rc; i++)
		rc = walk_root(&w, roots[i]);
	buf_release(&w.path);
	free(w.stack);
	return rc;
}
