"""Labels, dates and numbers in the review's language (nl or en)."""

from __future__ import annotations

import datetime as dt

LABELS = {
    "nl": {
        "contents": "Inhoudsopgave",
        "contents_hint": "Klik op de blokjes en navigeer direct naar de hoofdstukken.",
        "contacts_intro": "Voor meer informatie of vragen over het rapport kunt u terecht bij:",
        "back": "Inhoud",
        "slide": "Slide",
        "index_title": "Introductie",
        "index_heading": "Waar vindt u uw eigen {deal_label}",
        "index_hint": "Klik op de tekst en navigeer direct naar de bevindingen.",
        "context": "Context",
        "lessons": "Mogelijke leerpunten voor andere {deal_label}s",
        "attention": "Aandachtspunten voor deze {deal_label}",
        "continued": "(vervolg)",
        "deal_label": "Deal",
        "legend_deal": "Gemiddelde deze {deal_label}",
        "legend_all": "Gemiddelde alle {deal_label}s",
        "legend_range": "Bereik (minimum tot maximum)",
        "respondents": "{n} respondenten",
        "respondent": "1 respondent",
        "illustrative": "Illustratieve gegevens",
        "no_range": "Geen bereik: minder dan {k} respondenten",
        "no_data": "Geen scores voor deze {deal_label}",
        "example_title": "Voorbeeld (fictief)",
        "example_deal": "Voorbeeld",
        "chart_alt": "Spinnenwebdiagram van {name}",
        "alt_mean": "gemiddelde",
        "alt_all": "gemiddelde alle",
        "alt_range": "bereik",
        "score_table_deal": "{deal_label}",
        "table_alt": "Tabel: gemiddelde score per {deal_label} en indicator",
        "excerpt": "Uitsnede",
        "source": "Bron",
        "scores_source": "de scores komen uit de survey",
    },
    "en": {
        "contents": "Contents",
        "contents_hint": "Click a block to go straight to its chapter.",
        "contacts_intro": "For more information or questions about this report, please contact:",
        "back": "Contents",
        "slide": "Slide",
        "index_title": "Introduction",
        "index_heading": "Where to find your {deal_label}",
        "index_hint": "Click a line to go straight to its findings.",
        "context": "Context",
        "lessons": "Lessons for other {deal_label}s",
        "attention": "Points of attention for this {deal_label}",
        "continued": "(continued)",
        "deal_label": "Deal",
        "legend_deal": "Mean of this {deal_label}",
        "legend_all": "Mean of all {deal_label}s",
        "legend_range": "Range (minimum to maximum)",
        "respondents": "{n} respondents",
        "respondent": "1 respondent",
        "illustrative": "Illustrative data",
        "no_range": "No range: fewer than {k} respondents",
        "no_data": "No scores for this {deal_label}",
        "example_title": "Example (fictitious)",
        "example_deal": "Example",
        "chart_alt": "Radar chart of {name}",
        "alt_mean": "mean",
        "alt_all": "mean of all",
        "alt_range": "range",
        "score_table_deal": "{deal_label}",
        "table_alt": "Table: mean score per {deal_label} and indicator",
        "excerpt": "Excerpt",
        "source": "Source",
        "scores_source": "the scores come from the survey",
    },
}

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


class Language:
    """Everything the generator writes itself, in one language."""

    def __init__(self, code: str, deal_label: str | None = None):
        self.code = code
        self.deal_label = deal_label or LABELS[code]["deal_label"]

    def __call__(self, key: str, **values) -> str:
        return LABELS[self.code][key].format(deal_label=self.deal_label, **values)

    def date(self, day: dt.date) -> str:
        if self.code == "nl":
            return f"{day.day}-{day.month}-{day.year}"
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"

    def number(self, value: float, digits: int = 1) -> str:
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if self.code == "nl" else text
