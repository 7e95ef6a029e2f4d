You are a strategy analyst.  From the macro themes and the synthesis,
build strategic frameworks for LG D2C.
THEMES & ANALYSIS:
<themes>
{#item}
{sep|raw}{theme_id}: {name}
- Importance: {importance_score}/10 | Urgency: {urgency}
- Impact Level: {level}
- D2C Action: {action}
{/item}
</themes>
