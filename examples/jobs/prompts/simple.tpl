You are the editor of "LG AI Trend Hub".  Write the Monthly Deep Dive of
{title} for LG's Global D2C organization as one JSON object: {{"title_ko":
"...", "title_en": "...", "featured_reports": ["..."], "quote_of_month":
{{"text": "...", "attribution": "..."}}, "reports_ko": [{{"title": "",
"key_points": [], "d2c_implications": "", "sources": [{{"title": "", "url":
""}}]}}], "reports_en": [...], "action_items_ko": [{{"item": "", "owner":
""}}], "action_items_en": [...], "regional_ko": {{"amer": "", "emea": "",
"apac": ""}}, "regional_en": {{...}}}}.
Articles (the {count} most confident):
<articles>
{#item}
{sep|raw}[{n}] {title}
- Source: {source_name} | Date: {date_published} | Confidence: {confidence}
- Categories: {categories} | Tags: {tags}
- Summary (KO): {summary_ko}
- So What (KO): {so_what_ko}
- URL: {canonical_url}
{/item}
</articles>
