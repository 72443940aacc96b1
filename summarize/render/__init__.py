"""HTML views: self-contained pages for an article summary, a story and an eval report.

Pure code (no model, no CLI): :func:`~summarize.render.html_article.render_article_html`,
:func:`~summarize.render.html_story.render_story_html` and
:func:`~summarize.render.html_report.render_report_html` each return one HTML document
with inline CSS and JavaScript and no network fetches.
"""
