/* item_int.h - internal to lib/item (item.c, parse.c): one document
 * parsed into one record, as the ni-parse run calls it.  Nothing
 * outside lib/item includes it. */
#ifndef NI_ITEM_INT_H
#define NI_ITEM_INT_H

#include "item/item.h"

enum { NI_ITEM_OK = 0, NI_ITEM_SKIP = 1, NI_ITEM_ERR = 2 };

typedef struct ni_item_err {
	unsigned long line, col;   /* in the file; 0 when unknown */
	int warn;                  /* a warning: the item is still OK */
	char msg[300];
} ni_item_err;

/* The result of parsing one document.  Zero-initialise; reuse across
 * documents; release with ni_item_free. */
typedef struct ni_item {
	int status;          /* NI_ITEM_OK, _SKIP (no front matter), _ERR */
	ni_buf rec;          /* OK: the record line, with '\n' */
	ni_item_err *errs;   /* errors (ERR) and warnings (also when OK) */
	size_t nerrs, caperrs;
	char *id;            /* the schema's unique field (id) when it is a
			      * non-empty string or a number; else NULL */
	const char *id_field;  /* its name (borrowed from the schema) */
	unsigned long id_line, id_col;
	size_t bytes;        /* size of the document read */
	ni_buf text;         /* the document's bytes (reused, see ni_item_free) */
} ni_item;

/* Read and convert the document at path ("-" = stdin).  Thread-safe: it
 * touches only its arguments. */
void ni_item_parse(const ni_item_opts *o, const char *path, ni_item *it);
void ni_item_free(ni_item *it);

#endif
