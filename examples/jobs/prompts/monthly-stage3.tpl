You are a strategy analyst.  Theme {title}.  Below are its {count}
articles, numbered [1..{count}].  Write the theme's analysis as one JSON
object on one line: {{"theme_id": "the theme's Tn", "trend_narrative_en":
"...", "impact_assessment": {{"level": "HIGH|MEDIUM|LOW", "rationale_en":
"..."}}, "competitive_implications_en": "...", "d2c_so_what_en": "what LG
D2C should do", "evidence": [1-based indices]}}.
<articles>
{#item}
[{n}] {title}
Summary: {summary_ko|summary_en}
So What: {so_what_ko|so_what_en}
URL: {canonical_url}
{/item}
</articles>
