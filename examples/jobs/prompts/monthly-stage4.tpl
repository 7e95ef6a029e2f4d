You are a strategy analyst.  You have completed the analysis of {count}
macro themes for {title}.  Now synthesize across all of them: meta-patterns
and strategic convergences.
THEMES OVERVIEW:
<themes>
{#item}
{theme_id}: {name} (Importance: {importance_score}, Urgency: {urgency})
{/item}
</themes>
