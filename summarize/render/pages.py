"""Where ``summarize FILE... --format html`` writes its pages.

One article: to stdout, to the ``-o`` file, or as ``<stem>.html`` into an existing ``-o``
directory. Several articles: one ``<stem>.html`` each into ``-o DIR`` (created when
missing); without ``-o``, or with ``-o`` naming a file, it is a one-line input error.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TextIO

from summarize.atomic import atomic_write_text
from summarize.core.schema import ArticleSummary
from summarize.errors import InputError
from summarize.render.html_article import render_article_html


def _stem(name: str) -> str:
    """A safe file name stem for an article's page: letters, digits, ``.``, ``_``, ``-``."""
    stem = Path(name).stem if name != "<stdin>" else "stdin"
    return re.sub(r"[^\w.-]+", "_", stem, flags=re.ASCII).strip("._") or "article"


class ArticlePages:
    """The target of each article's page, checked before any article is summarized."""

    def __init__(self, output: str | None, articles: list[tuple[str, str]]) -> None:
        """``articles`` are (name, text) pairs in input order; ``output`` is ``-o``."""
        self.articles = articles
        self.targets: list[Path | None] = []
        path = Path(output) if output else None
        if len(articles) == 1:
            if path is not None and path.is_dir():
                path = path / f"{_stem(articles[0][0])}.html"
            self.targets = [path]
            return
        if path is None:
            raise InputError(
                f"--format html writes one page per article: pass -o DIR for these "
                f"{len(articles)} articles"
            )
        if path.exists() and not path.is_dir():
            raise InputError(f"{path} is not a directory; -o must name a folder for several pages")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"{path}: cannot create the folder ({exc.strerror})") from None
        used: set[str] = set()
        for name, _ in articles:
            stem, number = _stem(name), 1
            while (candidate := stem if number == 1 else f"{stem}-{number}") in used:
                number += 1
            used.add(candidate)
            self.targets.append(path / f"{candidate}.html")

    def write(self, index: int, summary: ArticleSummary, out: TextIO) -> None:
        """Render article ``index``'s page to its file, written whole (or to ``out`` when it
        has none)."""
        name, text = self.articles[index]
        html = render_article_html(summary, text, name=name)
        target = self.targets[index]
        if target is None:
            out.write(html)
            return
        atomic_write_text(target, html)
