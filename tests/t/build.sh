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
