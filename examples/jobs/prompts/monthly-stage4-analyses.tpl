THEME ANALYSES SUMMARY:
<analyses>
{#item}
{sep|raw}{theme_id}:
- D2C So What: {d2c_so_what_en}
- Impact: {impact_assessment.level} | {impact_assessment.rationale_en}
- Competitive: {c}
{/item}
</analyses>
Answer with one JSON object on one line: {{"meta_narrative_en": "3-4
sentences", "meta_narrative_ko": "...", "reinforcing_pairs": [{{"theme_a":
"Tn", "theme_b": "Tn", "synergy_en": "..."}}], "tension_pairs": [...],
"emerging_convergence_en": "...", "lg_d2c_strategic_position_en": "..."}}.
