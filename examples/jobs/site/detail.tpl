{#item}<article>
<p class="meta"><span class="badge">{_badge}</span> {_period}</p>
<p class="lang-en" lang="en"><strong>{title_en|title}</strong></p>
<div class="body">
{_body|md}
</div>
</article>
{/item}
