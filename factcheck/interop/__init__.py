"""Sharing a fact-check: ClaimReview, TimelineJS, CSV and Markdown out; ClaimReview in.

Part of the data layer: never imports textual. Every function takes and returns plain
values (timelines, strings, lists of problems); the click commands live in `commands`.
"""
