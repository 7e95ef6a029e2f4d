You are a strategy analyst.  Theme: {title}.  Below are its {count}
articles, numbered [1..{count}].  Write the theme's trend analysis as one
JSON object: {{"analysis": "...", "evidence": [1-based indices],
"importance": 1-10, "urgency": "IMMEDIATE|SHORT_TERM|LONG_TERM"}}.
<articles>
{#item}
[{n}] {title}
Summary: {summary_ko|summary_en}
So What: {so_what_ko|so_what_en}
URL: {canonical_url}
{/item}
</articles>
