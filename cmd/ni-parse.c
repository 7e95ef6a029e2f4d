/* ni-parse - Markdown documents with YAML front matter -> NDJSON records. */
#define _GNU_SOURCE
#include "ni.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
"Usage: ni-parse [OPTIONS] [PATH...]\n"
"Turn Markdown news items with YAML front matter into NDJSON, one record\n"
"per line.  PATH is a file, a folder (searched for *.md, *.markdown) or -\n"
"for one document on standard input.\n"
"\n"
"  -b, --body            add the body (_body) and its lang blocks (_body_XX)\n"
"  -c, --check           check the news-item schema: errors drop the item,\n"
"                        warnings (tags, long summary_ko, confidence, id) do not\n"
"      --schema FILE     check against FILE's rules instead (implies -c)\n"
"      --strict          warnings are errors; stop at the first bad document\n"
"      --rejects FILE    write one NDJSON line per failed document to FILE\n"
"      --files-from FILE read paths from FILE (- = stdin), one per line\n"
"  -0, --null            --files-from paths are NUL-separated\n"
"  -j, --jobs N          parse with N threads (output order unchanged)\n"
"      --max-size BYTES  front matter size limit (default 1M)\n"
"      --max-depth N     nesting limit (default 64)\n"
"      --max-aliases N   YAML alias limit (default 100)\n"
"      --fields          list the record keys ni adds and the item keys\n"
"      --sfeed           read sfeed(5) TSV feeds instead (--source ID)\n"
"  -v, --verbose         tally on stderr; note files without front matter\n"
"      --progress        progress on stderr even when it is not a terminal\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"\n"
"Exit status: 0 all documents parsed, 2 any error.\n"
"Example: ni-parse content/daily | ni-filter 'tags = llm' | ni-render\n";

typedef struct job {
	char *path;
	ni_item it;
	int state;       /* 0 free, 1 queued, 2 claimed, 3 done */
	unsigned long seq;
} job;

typedef struct run {
	ni_diag d;
	ni_item_opts io;
	ni_out out;
	ni_rejects rej;
	int strict, jobs, progress;
	ni_strmap ids;          /* --check: id -> first path */
	unsigned long ndocs, nitems, nbad, nskip, nwarn;
	unsigned long long bytes;
	struct timespec t0, tlast;
	/* parallel */
	job *ring;
	unsigned long W, next_put, next_claim, next_write;
	int done_adding;
	pthread_mutex_t mu;
	pthread_cond_t cv_work, cv_done;
	int stopped;
} run;

static double elapsed(const struct timespec *a)
{
	struct timespec b;
	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

static void progress(run *r, int final)
{
	if (!r->progress)
		return;
	if (!final && elapsed(&r->tlast) < 0.5)
		return;
	clock_gettime(CLOCK_MONOTONIC, &r->tlast);
	double t = elapsed(&r->t0);
	fprintf(stderr, "\rni-parse: %lu files, %.1f MB/s%s", r->ndocs,
		t > 0 ? (double)r->bytes / 1e6 / t : 0.0, final ? "\n" : "");
}

/* A --check warning: a note, or with --strict an error. */
static void warn_at(run *r, const char *path, unsigned long line,
		    unsigned long col, const char *msg)
{
	r->nwarn++;
	if (r->strict)
		ni_error_at(&r->d, path, line, col, "%s", msg);
	else
		ni_note_at(&r->d, path, line, col, "warning: %s", msg);
}

/* --check: a value of the schema's unique field (id) seen before is a
 * warning naming both places. */
static int check_unique(run *r, const char *path, ni_item *it)
{
	if (!r->io.check || !it->id)
		return 0;
	int isnew;
	ni_strmap_ent *e = ni_strmap_put(&r->ids, it->id, strlen(it->id), &isnew);
	if (isnew) {
		ni_buf b = {0};
		ni_buf_printf(&b, "%s:%lu", path, it->id_line);
		e->v = b.s;
		return 0;
	}
	ni_buf m = {0};
	ni_buf_printf(&m, "duplicate %s \"%s\" (first in %s)", it->id_field,
		      it->id, (char *)e->v);
	warn_at(r, path, it->id_line, it->id_col, m.s);
	ni_buf_free(&m);
	return 1;
}

/* Report and write one finished document, in input order. */
static void emit(run *r, const char *path, ni_item *it)
{
	r->ndocs++;
	r->bytes += it->bytes;
	if (it->status == NI_ITEM_SKIP) {
		r->nskip++;
		if (r->d.verbose)
			ni_note_at(&r->d, path, 0, 0, "no front matter, skipped");
		return;
	}
	int warned = check_unique(r, path, it);
	ni_buf all = {0};
	for (size_t i = 0; i < it->nerrs; i++) {
		ni_item_err *e = &it->errs[i];
		if (e->warn) {
			warn_at(r, path, e->line, e->col, e->msg);
			warned = 1;
		} else {
			ni_error_at(&r->d, path, e->line, e->col, "%s", e->msg);
		}
		ni_buf_printf(&all, "%s%s", all.len ? "; " : "", e->msg);
	}
	if (it->status == NI_ITEM_ERR || (r->strict && warned)) {
		r->nbad++;
		/* one reject line per document, at its first message */
		ni_rejects_add(&r->rej, path, it->nerrs ? it->errs[0].line : it->id_line,
			       it->nerrs ? it->errs[0].col : it->id_col,
			       all.len ? all.s : "duplicate id");
		ni_buf_free(&all);
		if (r->strict)
			r->stopped = 1;
		return;
	}
	ni_buf_free(&all);
	r->nitems++;
	ni_out_write(&r->out, it->rec.s, it->rec.len);
	progress(r, 0);
}

/* ---- sequential ---- */

static int one_seq(void *arg, const char *path)
{
	run *r = arg;
	static ni_item it;  /* reused: one document at a time */
	ni_item_parse(&r->io, path, &it);
	emit(r, path, &it);
	if (r->stopped)
		ni_item_free(&it);
	return r->stopped;
}

/* ---- parallel: a ring of W jobs, written in order ---- */

static void *worker(void *arg)
{
	run *r = arg;
	pthread_mutex_lock(&r->mu);
	for (;;) {
		while (r->next_claim == r->next_put && !r->done_adding)
			pthread_cond_wait(&r->cv_work, &r->mu);
		if (r->next_claim == r->next_put && r->done_adding)
			break;
		job *j = &r->ring[r->next_claim % r->W];
		r->next_claim++;
		j->state = 2;
		pthread_mutex_unlock(&r->mu);
		ni_item_parse(&r->io, j->path, &j->it);
		pthread_mutex_lock(&r->mu);
		j->state = 3;
		pthread_cond_broadcast(&r->cv_done);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* Write the oldest job once done; called with the lock held. */
static void write_oldest(run *r)
{
	job *j = &r->ring[r->next_write % r->W];
	while (j->state != 3)
		pthread_cond_wait(&r->cv_done, &r->mu);
	pthread_mutex_unlock(&r->mu);
	if (!r->stopped)
		emit(r, j->path, &j->it);
	free(j->path);
	j->path = NULL;
	pthread_mutex_lock(&r->mu);
	j->state = 0;
	r->next_write++;
}

static int one_par(void *arg, const char *path)
{
	run *r = arg;
	pthread_mutex_lock(&r->mu);
	if (r->next_put - r->next_write == r->W)
		write_oldest(r);
	job *j = &r->ring[r->next_put % r->W];
	j->path = ni_xstrdup(path);
	j->state = 1;
	r->next_put++;
	pthread_cond_signal(&r->cv_work);
	pthread_mutex_unlock(&r->mu);
	return r->stopped;
}

/* ---- path sources ---- */

static int walk_all(run *r, int (*fn)(void *, const char *), char **paths,
		    int npaths, const char *files_from, int nul)
{
	int stop = 0;
	for (int i = 0; i < npaths && !stop; i++)
		stop = ni_walk(&r->d, paths[i], fn, r);
	if (files_from && !stop) {
		FILE *fp = strcmp(files_from, "-") == 0 ? stdin
			 : fopen(files_from, "re");
		if (!fp)
			ni_die(&r->d, "%s: %s", files_from, strerror(errno));
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;
		while (!stop && (n = getdelim(&line, &cap, nul ? '\0' : '\n', fp)) > 0) {
			if (line[n - 1] == (nul ? '\0' : '\n'))
				line[--n] = 0;
			if (!nul && n && line[n - 1] == '\r')
				line[--n] = 0;
			if (n == 0)
				continue;
			stop = ni_walk(&r->d, line, fn, r);
		}
		free(line);
		if (fp != stdin)
			fclose(fp);
	}
	return stop;
}

/* --fields: the keys ni adds, then the schema's fields. */
static void print_fields(const ni_schema *sch)
{
	static const char *added[] = { NI_KEY_PATH, NI_KEY_BODY,
				       NI_KEY_BODY_PFX "ko", NI_KEY_BODY_PFX "en" };
	for (size_t i = 0; i < sizeof added / sizeof *added; i++)
		puts(added[i]);
	for (size_t i = 0; i < sch->n; i++)
		puts(sch->f[i].name);
}

/* --schema FILE: read it or die with its place. */
static void load_schema(ni_diag *d, const char *path, ni_schema *sch)
{
	char *text, err[300];
	size_t len;
	unsigned long line;
	if (ni_read_file(path, 1 << 20, &text, &len))
		ni_die(d, "%s: %s", path, strerror(errno));
	if (ni_schema_parse(sch, text, len, err, sizeof err, &line)) {
		ni_error_at(d, path, line, 0, "%s", err);
		exit(NI_EXIT_ERR);
	}
	free(text);
}

int main(int argc, char **argv)
{
	static run r;
	enum { O_STRICT = 256, O_REJECTS, O_FILES_FROM, O_MAXSIZE, O_MAXDEPTH,
	       O_MAXALIAS, O_FIELDS, O_PROGRESS, O_SCHEMA, O_SFEED, O_SOURCE };
	static const struct option lopts[] = {
		{ "body", no_argument, 0, 'b' },
		{ "check", no_argument, 0, 'c' },
		{ "strict", no_argument, 0, O_STRICT },
		{ "rejects", required_argument, 0, O_REJECTS },
		{ "files-from", required_argument, 0, O_FILES_FROM },
		{ "null", no_argument, 0, '0' },
		{ "jobs", required_argument, 0, 'j' },
		{ "max-size", required_argument, 0, O_MAXSIZE },
		{ "max-depth", required_argument, 0, O_MAXDEPTH },
		{ "max-aliases", required_argument, 0, O_MAXALIAS },
		{ "fields", no_argument, 0, O_FIELDS },
		{ "schema", required_argument, 0, O_SCHEMA },
		{ "verbose", no_argument, 0, 'v' },
		{ "progress", no_argument, 0, O_PROGRESS },
		{ "sfeed", no_argument, 0, O_SFEED },
		{ "source", required_argument, 0, O_SOURCE },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, 'V' },
		{ 0, 0, 0, 0 }
	};
	const char *rejects = NULL, *files_from = NULL, *schema = NULL;
	int nul = 0, fields = 0, c, sfeed = 0;
	ni_sfeed_opts so = {0};

	r.d.prog = "ni-parse";
	r.jobs = 1;
	r.io.max_doc = NI_MAX_DOC_SIZE;
	r.io.max_fm = NI_MAX_FM_SIZE;
	r.io.yaml.max_depth = NI_MAX_DEPTH;
	r.io.yaml.max_aliases = NI_MAX_ALIASES;
	r.progress = -1;
	while ((c = getopt_long(argc, argv, "bc0j:vhV", lopts, NULL)) != -1) {
		switch (c) {
		case 'b': r.io.body = 1; break;
		case 'c': r.io.check = 1; break;
		case O_STRICT: r.strict = 1; break;
		case O_REJECTS: rejects = optarg; break;
		case O_FILES_FROM: files_from = optarg; break;
		case '0': nul = 1; break;
		case 'j': r.jobs = (int)ni_opt_num(&r.d, "jobs", optarg, 1, 256); break;
		case O_MAXSIZE:
			r.io.max_fm = (size_t)ni_opt_num(&r.d, "max-size", optarg, 1, NI_MAX_DOC_SIZE);
			break;
		case O_MAXDEPTH:
			r.io.yaml.max_depth = (int)ni_opt_num(&r.d, "max-depth", optarg, 1, 1000);
			break;
		case O_MAXALIAS:
			r.io.yaml.max_aliases = (int)ni_opt_num(&r.d, "max-aliases", optarg, 0, 1000000);
			break;
		case O_FIELDS: fields = 1; break;
		case O_SCHEMA: schema = optarg; r.io.check = 1; break;
		case 'v': r.d.verbose = 1; break;
		case O_PROGRESS: r.progress = 1; break;
		case O_SFEED: sfeed = 1; break;
		case O_SOURCE: so.source = optarg; break;
		default: ni_opt_common(&r.d, c, usage); break;
		}
	}
	static ni_schema sch;
	if (schema)
		load_schema(&r.d, schema, &sch);
	else
		ni_schema_items(&sch);
	r.io.schema = &sch;
	if (fields) {
		print_fields(&sch);
		return NI_EXIT_OK;
	}
	char **paths = argv + optind;
	int npaths = argc - optind;
	if (so.source && !sfeed)
		ni_usage_error(&r.d, "--source applies only to --sfeed");
	if (sfeed) {
		ni_datectx dc;
		if (r.io.body || r.io.check || r.strict || files_from || r.jobs > 1)
			ni_usage_error(&r.d, "--sfeed reads TSV: -b, -c, --strict, "
				       "--files-from and -j do not apply");
		if (ni_date_init(&dc, NULL))
			ni_die(&r.d, "NI_NOW is not a timestamp");
		so.now = dc.now;
		ni_out_open(&r.out, &r.d, NULL);
		ni_rejects_open(&r.rej, &r.d, rejects);
		ni_sfeed_read(&so, &r.d, paths, npaths, &r.out, &r.rej);
		ni_out_close(&r.out);
		ni_rejects_close(&r.rej);
		return r.d.errors ? NI_EXIT_ERR : NI_EXIT_OK;
	}
	if (npaths == 0 && !files_from) {
		if (isatty(0)) {
			fputs("Usage: ni-parse [OPTIONS] [PATH...]\n"
			      "Try 'ni-parse --help' for more information.\n",
			      stderr);
			return NI_EXIT_ERR;
		}
		static char *dash[] = { "-" };
		paths = dash;
		npaths = 1;
	}
	int asked = r.progress > 0;
	if (r.progress < 0)
		r.progress = 0;
	if (!r.progress && isatty(2))
		r.progress = 2;   /* decided below: only when the work is long */
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	r.tlast = r.t0;
	if (r.progress == 2) {
		/* start showing after the first second */
		r.tlast.tv_sec += 1;
		r.progress = 1;
	}
	ni_strmap_init(&r.ids);
	ni_out_open(&r.out, &r.d, NULL);
	ni_rejects_open(&r.rej, &r.d, rejects);

	if (r.jobs == 1) {
		walk_all(&r, one_seq, paths, npaths, files_from, nul);
	} else {
		r.W = (unsigned long)r.jobs * 8;
		r.ring = ni_xcalloc(r.W, sizeof *r.ring);
		pthread_mutex_init(&r.mu, NULL);
		pthread_cond_init(&r.cv_work, NULL);
		pthread_cond_init(&r.cv_done, NULL);
		pthread_t *th = ni_xcalloc((size_t)r.jobs, sizeof *th);
		for (int i = 0; i < r.jobs; i++)
			if (pthread_create(&th[i], NULL, worker, &r))
				ni_die(&r.d, "cannot start threads");
		walk_all(&r, one_par, paths, npaths, files_from, nul);
		pthread_mutex_lock(&r.mu);
		r.done_adding = 1;
		pthread_cond_broadcast(&r.cv_work);
		while (r.next_write < r.next_put)
			write_oldest(&r);
		pthread_mutex_unlock(&r.mu);
		for (int i = 0; i < r.jobs; i++)
			pthread_join(th[i], NULL);
		for (unsigned long i = 0; i < r.W; i++)
			ni_item_free(&r.ring[i].it);
		free(r.ring);
		free(th);
	}
	if (r.progress && r.ndocs && (asked || elapsed(&r.t0) > 1.0))
		progress(&r, 1);
	ni_out_close(&r.out);
	ni_rejects_close(&r.rej);
	if (r.d.verbose)
		fprintf(stderr, "ni-parse: %lu documents, %lu items, %lu errors\n",
			r.ndocs, r.nitems, r.nbad);
	for (size_t i = 0; i < r.ids.cap; i++)
		free(r.ids.t[i].v);
	ni_strmap_free(&r.ids);
	if (schema)
		ni_schema_free(&sch);
	return r.d.errors ? NI_EXIT_ERR : NI_EXIT_OK;
}
