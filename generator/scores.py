"""A survey's aggregates, per deal and indicator and over all deals: what the deck shows of it
(kept in the cache between builds, so a rebuild reads no survey)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Score:
    """Aggregate of one indicator: for a deal over respondents, or overall over deals."""

    mean: float
    min: float
    max: float
    n: int


@dataclass
class Scores:
    """Per deal id and indicator id, and overall per indicator."""

    per_deal: dict[str, dict[str, Score]] = field(default_factory=dict)
    overall: dict[str, Score] = field(default_factory=dict)
    respondents: dict[str, int] = field(default_factory=dict)

    def for_deal(self, deal_id: str) -> dict[str, Score]:
        return self.per_deal.get(deal_id, {})

    def to_json(self) -> dict:
        pack = lambda s: [s.mean, s.min, s.max, s.n]  # noqa: E731
        return {"per_deal": {d: {i: pack(s) for i, s in v.items()} for d, v in self.per_deal.items()},
                "overall": {i: pack(s) for i, s in self.overall.items()}, "respondents": self.respondents}

    @classmethod
    def from_json(cls, data: dict) -> "Scores":
        unpack = lambda v: Score(v[0], v[1], v[2], v[3])  # noqa: E731
        return cls({d: {i: unpack(s) for i, s in v.items()} for d, v in data["per_deal"].items()},
                   {i: unpack(s) for i, s in data["overall"].items()}, dict(data["respondents"]))
