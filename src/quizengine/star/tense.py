"""Hypothetical or future sentences: one definition, read by the `specific` check and advice.

A sentence is hypothetical when it frames what you would do ("I would", "I'd", "I will",
"I'll", "I could", "I'm going to"), unless

- it reports speech: a reporting verb in the past ("I told her I would send it", "I proposed
  a plan: I would cover Mondays") puts the "would" in the past too; or
- it states a plan ("I decided I would call every supplier") that a later sentence of the
  same part tells as done, in a sentence that is not hypothetical itself.

Mirrored in `client/star.js` (`hypo`), with the cue strings copied verbatim.
"""

from __future__ import annotations

from collections.abc import Sequence

from .text import Cues, Sentence

HYPOTHETICAL = Cues("i would|i'd|i will|i'll|i could|i'm going to|i am going to")
REPORTED = Cues(
    "said|told|promised|replied|explained|wrote|agreed|assured|confirmed|mentioned"
    "|proposed|suggested|offered"
)
PLANNED = Cues("decided|planned|my plan|the plan|intended|resolved|chose|made up my mind")


def hypothetical_flags(part: Sequence[Sentence]) -> list[bool]:
    """For each sentence of one part, in order: is it hypothetical?

    Read back to front, so "was the plan carried out later?" is one flag: linear time.
    """
    flags = [False] * len(part)
    carried_out = False
    for index in range(len(part) - 1, -1, -1):
        hay = part[index].haystack
        framed = HYPOTHETICAL.any(hay) and not REPORTED.any(hay)
        flags[index] = framed and not (carried_out and PLANNED.any(hay))
        carried_out = carried_out or not flags[index]
    return flags
