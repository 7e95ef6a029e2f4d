You are a strategy analyst.  Below are the {count} most confident articles
of {title} (confidence 0.85 and above), numbered [1..{count}], one per line:
[index] title | theme | impact | sentiment | entities.
Group them into 4 to 6 macro themes.  Answer in JSON Lines: one JSON object
per line and nothing else, one line per theme:
{{"name": "...", "name_ko": "...", "importance_score": 1-10,
"urgency": "IMMEDIATE|SHORT_TERM|MEDIUM_TERM", "article_indices": [1-based indices]}}
<articles>
{#item}
[{n}] {title} | {strategic_theme} | {business_impact} | {sentiment} | {key_entities}
{/item}
</articles>
