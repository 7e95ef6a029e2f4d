Weekly:
{#item}
Week {week}: {title}
Top Trends: {top_trends|join:"; "}
{/item}
