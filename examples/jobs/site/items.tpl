<ul class="cards">
{#item}<li class="card"><h2><a href="{_url}">{title}</a></h2>
<p class="meta">{source_name|source_id} · <time>{date_published}</time></p>
<p class="lang-ko">{summary_ko|summary_en}</p><p class="lang-en" lang="en">{summary_en|summary_ko}</p>
<p class="so lang-ko">{so_what_ko}</p><p class="so lang-en" lang="en">{so_what_en}</p>
<p class="tags">{tags|join: · }</p></li>
{/item}</ul>
