"""The survey's numbers as the deck writes them: the score table's rows and the charts'
alternative text. Pure functions of the scores, the questionnaire and the language."""

from __future__ import annotations

from .i18n import Language
from .models import Deal, Questionnaire
from .scores import Scores


def score_rows(questionnaire: Questionnaire, scores: Scores, lang: Language, deals: list[Deal], with_mean: bool) -> tuple[list[str], list[list[str]]]:
    """The score table's header and rows: each deal's mean per indicator ("–" where none), and
    with_mean, a last row with the all-deals mean (an excerpt shows it instead of other deals)."""
    header = [lang.deal_label] + [ind.axis_label for ind in questionnaire.indicators]

    def row(name: str, values: dict) -> list[str]:
        return [name] + [lang.number(values[i.id].mean) if i.id in values else "–" for i in questionnaire.indicators]

    rows = [row(deal.name, scores.for_deal(deal.id)) for deal in deals]
    if with_mean and scores.overall:
        rows.append(row(lang("legend_all"), scores.overall))
    return header, rows


def chart_alt(deal: Deal, questionnaire: Questionnaire, scores: Scores, lang: Language, min_respondents: int) -> str:
    """A deal's radar chart in words: per indicator its mean, the all-deals mean and, with enough
    respondents, its range."""
    s = scores.for_deal(deal.id)
    if not s:
        return f"{lang('chart_alt', name=deal.name)}: {lang('no_data')}"
    n = scores.respondents.get(deal.id, 0)
    parts = []
    for ind in questionnaire.indicators:
        sc, ov = s.get(ind.id), scores.overall.get(ind.id)
        if sc is None:
            continue
        text = f"{ind.axis_label} {lang('alt_mean')} {lang.number(sc.mean)}"
        if ov is not None:
            text += f" ({lang('alt_all')} {lang.number(ov.mean)}"
            if n >= min_respondents:
                text += f"; {lang('alt_range')} {lang.number(sc.min)}–{lang.number(sc.max)}"
            text += ")"
        parts.append(text)
    count = lang("respondent") if n == 1 else lang("respondents", n=n)
    return f"{lang('chart_alt', name=deal.name)} ({count}): " + "; ".join(parts)
