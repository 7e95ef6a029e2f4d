You are the editor of a weekly digest on AI in commerce and marketing for
D2C brands.  Below are the {count} articles of week {title}, numbered
[1..{count}], most confident first.  Answer with one JSON object and nothing
else: {{"title": "...", "title_en": "...", "top_trends": [5 short phrases,
Korean], "top_keywords": [at most 10 tags from the articles],
"trends": [{{"name": "...", "summary": "...", "article_indices": [1-based],
"so_what": "..."}}], "risks": ["..."]}}.
<articles>
{#item}
{sep|raw}[{n}] {title}
Source: {source_name} | Date: {date_published} | Confidence: {confidence}
Categories: {categories}
Tags: {tags}
Summary (KO): {summary_ko}
Summary (EN): {summary_en}
So What (KO): {so_what_ko}
So What (EN): {so_what_en}
Key Points: {key_points|join:"; "}
URL: {canonical_url}
{/item}
</articles>
