<ul class="list">
{#item}<li><a href="{_href}"><span class="lang-ko">{_label}</span><span class="lang-en" lang="en">{_label_en|_label}</span></a> <span class="n">{_note}</span></li>
{/item}</ul>
