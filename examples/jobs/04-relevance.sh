#!/bin/sh
# 04-relevance.sh ITEMS [COLLECTED...] - job 4 (collect.js scoreRelevance,
# filterByRelevance): score the collected records (NDJSON, files or stdin)
# on the lower-cased title + " " + summary: +2 for an AI word, +1 for a
# commerce word, +1 for a marketing word (each group once); keep scores
# of 1 and more, with relevance_score and relevance (high >= 2, medium).
# A keyword counts as a whole word (optionally plural): "ai" is not found
# in "said", "retail" or "email" (the original's quirk).
. "$(dirname "$0")/common.sh"
[ $# -gt 0 ] && shift
W='(?<![a-z0-9])(?:'; E=')s?(?![a-z0-9])'
AI="${W}ai|artificial intelligence|agentic|agent|generative|llm|gpt|claude|machine learning|automation|personalization|recommendation|chatbot|copilot|sidekick$E"
COM="${W}commerce|ecommerce|e-commerce|d2c|dtc|retail|shopping|checkout|conversion|marketplace$E"
MKT="${W}marketing|advertising|campaign|seo|content|email marketing|social media|martech|adtech|attribution|segmentation$E"
ni-map "_t = lower(coalesce(title, \"\") + \" \" + coalesce(summary, \"\"));
relevance_score = if(_t ~ /$AI/, 2, 0) + if(_t ~ /$COM/, 1, 0) + if(_t ~ /$MKT/, 1, 0);
del _t;
if relevance_score < 1 then skip end;
relevance = if(relevance_score >= 2, \"high\", \"medium\")" "$@"
