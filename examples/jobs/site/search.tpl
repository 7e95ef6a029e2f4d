{#item}<div class="search"><label for="q">Titles, summaries, tags and digests: type a word</label>
<input id="q" type="search" autocomplete="off"></div>
<p id="status" class="meta">Search needs JavaScript; every item is also in the <a href="daily/index.html">daily archive</a>.</p>
<ul id="hits" class="hits" data-root="{_root}"></ul>
{/item}
