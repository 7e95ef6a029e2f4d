/*
 * ni.h - the umbrella header of libni, the library behind ni-parse,
 * ni-filter, ni-sort, ni-map, ni-summarize, ni-render and ni-write.
 *
 * The tools (cmd/) include this file.  Inside lib/, a file includes the
 * header of its own folder, which includes the headers of the layers
 * below it.  The layers, bottom up (each header is the API's document):
 *
 *   base/base.h      diagnostics, memory and buffers, string maps, output,
 *                    the worker pool, directory walk, Unicode, byte kernels
 *   text/text.h      dates, regular expressions, escaping, URLs
 *   record/record.h  input files and NDJSON lines, the JSON scanner and
 *                    writer, the batched line runner
 *   item/item.h      front matter, YAML -> JSON, the item schema, items,
 *                    identity, sfeed input, the ni-parse run
 *   expr/expr.h      the expression language, ni-map programs and run
 *   filter/filter.h  cron state files, dedup, the ni-filter run
 *   agg/agg.h        ni-summarize's exact, mergeable groups and run
 *   sort/sort.h      sort keys, external sort, the ni-sort run
 *   render/render.h  templates and the ni-render driver and formats
 *   write/write.h    records -> item files (ni-write)
 *   opt/opt.h        the option layer of the mains (above text/)
 *
 * HACKING.md says where each concern lives and how to add a format, a
 * function, an input or a tool.
 *
 * Ownership rule (after jq's jv.h): a function that returns a pointer says
 * in its contract who frees it.  "borrowed" pointers point into a buffer
 * owned by the caller or by an object and stay valid until that changes.
 * No function in lib/ keeps mutable global state: everything it needs is
 * passed in (a ni_diag for messages, a context struct for the rest).
 */
#ifndef NI_H
#define NI_H

#include "base/base.h"
#include "text/text.h"
#include "record/record.h"
#include "item/item.h"
#include "expr/expr.h"
#include "filter/filter.h"
#include "agg/agg.h"
#include "sort/sort.h"
#include "render/render.h"
#include "write/write.h"
#include "opt/opt.h"

#endif
