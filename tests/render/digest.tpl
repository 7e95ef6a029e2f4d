== {title} ==
{#item}
* {date_published} [{source_id}] {title:~50}
{/item}
-- {count} items, {first} to {last}
