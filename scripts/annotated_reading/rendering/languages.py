"""Languages named for readers: an alias's BCP 47 tag (`fr`, `ar-Latn`) as `French` or `Arabic, in Latin letters`."""

from __future__ import annotations

import functools

from babel import Locale, parse_locale


@functools.cache
def language_name(tag: str) -> str:
    """The English name of a BCP 47 tag's language, with its script where it gives one; the tag itself if unknown.

    The schema checks the tag's shape, not that the language exists, so an unknown one is shown as it is written
    rather than failing the build.
    """
    try:
        language, _territory, script, *_ = parse_locale(tag, sep="-")
    except ValueError:
        return tag
    names = Locale("en")
    name = str(names.languages.get(language, tag))
    if script:
        return f"{name}, in {names.scripts.get(script, script)} letters"
    return name
