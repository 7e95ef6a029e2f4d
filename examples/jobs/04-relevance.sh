#!/bin/sh
# 04-relevance.sh ITEMS [COLLECTED...] - job 4 (collect.js scoreRelevance,
# filterByRelevance): score the collected records (NDJSON, files or stdin)
# on title + " " + summary: +2 for an AI word, +1 for a commerce word, +1
# for a marketing word (each group once); keep scores of 1 and more, with
# relevance_score and relevance (high >= 2, medium).
# A keyword matches in any case where a word starts - after a non-letter
# ("AI-powered", "anti-AI", "AI가") or at a case boundary inside a word
# ("OpenAI", "ChatGPT", "GenAI", "eCommerce", "AINews") - never in the
# middle of another word ("said", "email", "retail" for "ai"; "Seoul" for
# "seo"; "fulfillment" for "llm").  The short ones (ai, llm, gpt, seo, d2c,
# dtc) end their word, with an optional plural "s" (AIs, LLMs, GPTs) or
# digits (GPT-5, AI360); the others may begin a longer word (retailers,
# agents, agentic, marketplaces, Agentforce).  tests/jobs/relevance.tsv
# is the hand-labelled set this rule is measured on.
. "$(dirname "$0")/common.sh"
[ $# -gt 0 ] && shift
# a word start: no ASCII letter before, or lower case then upper case
B='(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))'
# a short keyword's end: no letter after but a plural s, or a new
# capitalised part (AINews)
E='s?(?:(?![A-Za-z])|(?=[A-Z][a-z]))'
AI="$B(?:(?i:ai|llm|gpt)$E|(?i:artificial intelligence|agentic|agent|generative|machine learning|automation|personalization|recommendation|chatbot|copilot|sidekick|claude))"
COM="$B(?:(?i:d2c|dtc)$E|(?i:commerce|ecommerce|e-commerce|retail|shopping|checkout|conversion|marketplace))"
MKT="$B(?:(?i:seo)$E|(?i:marketing|advertising|campaign|content|email marketing|social media|martech|adtech|attribution|segmentation))"
ni-map "_t = coalesce(title, \"\") + \" \" + coalesce(summary, \"\");
relevance_score = if(_t ~ /$AI/, 2, 0) + if(_t ~ /$COM/, 1, 0) + if(_t ~ /$MKT/, 1, 0);
del _t;
if relevance_score < 1 then skip end;
relevance = if(relevance_score >= 2, \"high\", \"medium\")" "$@"
