#!/bin/sh
# tests/t/build.sh - build hygiene: header dependencies are generated
# (-MMD -MP), so a changed private header rebuilds what includes it.
. "$NI_TESTS/lib.sh"
top=$(cd "$NI_TESTS/.." && pwd)
[ -f "$top/Makefile" ] || exit 0
# what -W would rebuild is only meaningful once the tree has been built
[ -f "$top/build/lib/record/json.o" ] || { echo "build: not built yet, hygiene checks skipped" >&2; exit 0; }
# make -n -W: "what if this file changed", without touching anything
make -s -C "$top" -n -W lib/render/render_int.h all >"$T/n" 2>&1
for o in render render_feed render_text render_md render_html render_csv render_json render_svg render_mail render_table; do
	has "build-render-h-rebuilds-$o" "$T/n" "-o build/lib/render/$o\\.o"
done
hasnt "build-render-h-spares-json" "$T/n" "-o build/lib/record/json\\.o"
hasnt "build-render-h-spares-template" "$T/n" "-o build/lib/render/template\\.o"
make -s -C "$top" -n -W include/ni.h all >"$T/n2" 2>&1
has "build-ni-h-rebuilds-cmds" "$T/n2" "-o [^ ]*bin/ni-filter "
grep -q 'include/ni.h' "$top/Makefile" && ko "build-no-hand-listed-headers" "Makefile names include/ni.h" || ok "build-no-hand-listed-headers"
# a folder's header rebuilds its folder and the layers above, not below
make -s -C "$top" -n -W lib/write/write.h all >"$T/n3" 2>&1
has "build-write-h-rebuilds-write" "$T/n3" "-o build/lib/write/write\\.o"
hasnt "build-write-h-spares-json" "$T/n3" "-o build/lib/record/json\\.o"
hasnt "build-write-h-spares-render" "$T/n3" "-o build/lib/render/render\\.o"
# no header of lib/ is over 420 lines (issue 25: ~400)
for h in "$top"/include/*.h "$top"/lib/*/*.h; do
	n=$(wc -l <"$h")
	[ "$n" -le 420 ] && ok "build-header-size-${h##*/}" || ko "build-header-size-${h##*/}" "$n lines"
done
# field names in one place (issue 25): no schema field name of
# lib/base/base.h's NI_FIELD_* is spelled as a string literal in lib/
# outside the schema (item/schema.c); HTML element names (sanitize.c,
# markdown.c) and the document values of templates (marked) are not fields
sed -n 's/^#define NI_FIELD_[A-Z_]* *\("[a-z_]*"\).*/\1/p' "$top/lib/base/base.h" >"$T/fields"
[ -s "$T/fields" ] && ok "build-field-names-listed" || ko "build-field-names-listed" "no NI_FIELD_* in base.h"
grep -rnF -f "$T/fields" "$top/lib" --include='*.c' |
	grep -v 'lib/item/schema\.c:\|lib/text/sanitize\.c:\|lib/text/markdown\.c:\|document value' |
	grep -v ':[0-9]*:\s*\(/\*\| \*\)' >"$T/literals"
if [ -s "$T/literals" ]; then ko "build-field-names-in-one-place" "$(head -3 "$T/literals")"
else ok "build-field-names-in-one-place"; fi
# no function of lib/ is over 120 lines (issue 25), counted from the
# line of its opening brace to its closing one, each at the start of a
# line; exempt by name: the JSON scanner's kernel check_object
# (record/json.c), one loop over an object's bytes kept whole for speed
# (it is the hot path HACKING.md's "Speed" rule and tests/scandiff.c
# guard; split, its state would go through pointers on every byte)
for f in "$top"/lib/*/*.c; do
	name=$(echo "${f#"$top"/lib/}" | tr / -)
	awk '/^[a-zA-Z].*\(/ { name = $0 }
	     /^\{/ { s = NR; n = name }
	     /^\}/ && s { if (NR - s > 120 && n !~ /[ *]check_object\(/) print NR - s, n; s = 0 }' "$f" >"$T/long"
	if [ -s "$T/long" ]; then ko "build-function-length-$name" "$(head -3 "$T/long")"
	else ok "build-function-length-$name"; fi
done
