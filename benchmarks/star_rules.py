"""The rule-based free-mode part finder that the learned model replaced, kept for comparison.

A frozen copy of `quizengine/star/parts.py` before the model (git history has it too), so
`star_bench.py` measures the old and the new detector in the same run. Not shipped.

Method:

1. Split the text into sentences (`text.sentences`).
2. Score every sentence for every part. A sentence's words are folded and joined as
   `" w1 w2 ... "`; each cue phrase of a part that occurs in it (as whole words) adds the
   cue's weight once. A `*` in a cue stands for any characters within one word, so
   `i *ed` matches "i asked". A digit adds `DIGIT_BONUS` to the result.
3. Add a position prior: with `r = (i + 0.5) / n` the sentence's relative position,
   part `p` gets `-PRIOR * |r - CENTRE[p]|`, so the situation is favoured early and the
   result late when the cues are silent or balanced.
4. Choose the labelling with the highest total score among those whose parts never go
   backwards (S <= T <= A <= R; parts may be empty), by dynamic programming over the four
   states (Viterbi). Ties go to the earlier part, so the outcome is deterministic.

Cue lists are general STAR signposts: scene-setting (situation), duty and goal phrasing
(task), first-person past-tense steps and sequencing words (action), outcomes, changes and
lessons (result). They were tuned on `tests/data/star_labelled.yaml`, but every cue is a
phrase one would expect in many answers, not a phrase lifted from one labelled answer.
`benchmarks/star_bench.py` reports the accuracy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizengine.models.results import STAR_PARTS, StarPart
from quizengine.star.text import DIGIT_RE, Sentence, cue_regex, sentences

# Cue lists: part -> (weight, "cue|cue|..."). The strings are copied verbatim into star.js
# (a test checks that), so keep them plain: lower case, straight apostrophes, `*` wildcards.
CUES: dict[StarPart, tuple[tuple[int, str], ...]] = {
    "situation": (
        (
            2,
            "last year|years ago|at the time|for context|when i was|i was working|i worked"
            "|at my previous|in my previous|i was a|i was an|i was the",
        ),
        (
            1,
            "our|the team|the company|had been|was|were|had|during|when|while|every|often"
            "|there was|there were|it was|used to|would|usually|always",
        ),
    ),
    "task": (
        (
            3,
            "goal|aim|brief|my task|my job|my part|my priority|my role was|my responsibility"
            "|the challenge|the question|the problem was|the tricky part|the hard part"
            "|it fell to me|it was up to me|someone had to|i had to|we had to|also had to"
            "|had to be|has to be|supposed to|i need|i needed|we needed|what i needed|i was asked"
            "|i was given|i was assigned|i was tasked|i was in charge|i was responsible"
            "|i was expected|i wanted to|what i wanted|wanted me|wanted it|asked me to|took it on"
            "|volunteered to|offered to|instruction",
        ),
        (
            1,
            "responsible for|needed to|had to|to make sure|to find a way|deadline|in time"
            "|by the end of|expected|couldn't|could not|can't|cannot|without|on top of that"
            "|wanted|needed|has to|have to",
        ),
    ),
    "action": (
        (
            2,
            "i decided|i asked|i suggested|i proposed|i set up|i started|i then|then i|first"
            "|i also|after that|i found|i met|i wrote|i made|i took|i spent|i put|i kept"
            "|i gave|i ran|i built|i sent|i told|i set|i broke|i brought|i went|i said",
        ),
        (1, "i|i *ed|then|next|we *ed|we set|we met|we made|we gave|we went"),
    ),
    "result": (
        (
            3,
            "as a result|in the end|ended up|eventually|agreed|approved|accepted|granted"
            "|thanked|looking back|learned|learnt|lesson|realise|realize|the outcome|since",
        ),
        (
            1,
            "later|now|within|the next|the following|by the|dropped|fell|rose|increased"
            "|reduced|saved|improved|halved|doubled|no longer|completed|finished|shipped"
            "|went well|worked|received|got",
        ),
    ),
}
DIGIT_BONUS = 1
PRIOR = 3.5
CENTRE: dict[StarPart, float] = {"situation": 0.0, "task": 0.25, "action": 0.55, "result": 0.85}


_Trie = dict[str, "_Trie | str"]


def _index() -> tuple[dict[str, list[int]], _Trie, tuple[tuple[re.Pattern[str], int, int], ...]]:
    """Plain cues -> weight per part (S, T, A, R) and a word trie of them; wildcard cues ->
    (pattern, part, weight)."""
    plain: dict[str, list[int]] = {}
    wild: list[tuple[re.Pattern[str], int, int]] = []
    for index, part in enumerate(STAR_PARTS):
        for weight, spec in CUES[part]:
            for cue in spec.split("|"):
                if "*" in cue:
                    wild.append((re.compile(f" {cue_regex(cue)} "), index, weight))
                else:
                    plain.setdefault(cue, [0, 0, 0, 0])[index] += weight
    trie: _Trie = {}
    for cue in plain:
        node = trie
        for word in cue.split(" "):
            child = node.setdefault(word, {})
            assert isinstance(child, dict)
            node = child
        node[""] = cue  # "" is never a word, so it can mark the end of a cue
    return plain, trie, tuple(wild)


_PLAIN, _TRIE, _WILD = _index()
_CENTRES = tuple(CENTRE[part] for part in STAR_PARTS)


def _plain_hits(tokens: list[str]) -> set[str]:
    """Plain cues whose words occur consecutively in `tokens`, by walking the word trie.

    Same answer as star.js's substring test of " cue " on the haystack, at a fraction of the
    cost of one substring search per cue: this is the hot path of free-mode grading.
    """
    hits: set[str] = set()
    end = len(tokens)
    for start in range(end):
        node = _TRIE.get(tokens[start])
        at = start + 1
        while isinstance(node, dict):
            cue = node.get("")
            if isinstance(cue, str):
                hits.add(cue)
            if at == end:
                break
            node = node.get(tokens[at])
            at += 1
    return hits


def cue_scores(sentence: Sentence) -> list[float]:
    """Cue evidence for each part (S, T, A, R), before the position prior."""
    scores = [0, 0, 0, 0]
    for cue in _plain_hits(sentence.haystack.split()):
        weights = _PLAIN[cue]
        for index in range(4):
            scores[index] += weights[index]
    for pattern, index, weight in _WILD:
        if pattern.search(sentence.haystack):
            scores[index] += weight
    if DIGIT_RE.search(sentence.text):
        scores[3] += DIGIT_BONUS
    return [float(score) for score in scores]


def label(found: Sequence[Sentence]) -> list[int]:
    """Best non-decreasing labelling (0=S, 1=T, 2=A, 3=R), one label per sentence."""
    n = len(found)
    if n == 0:
        return []
    best = [0.0, 0.0, 0.0, 0.0]
    back: list[list[int]] = []
    for i, sentence in enumerate(found):
        position = (i + 0.5) / n
        scores = cue_scores(sentence)
        row = [0, 0, 0, 0]
        new = [0.0, 0.0, 0.0, 0.0]
        run_best, run_arg = best[0], 0
        for state in range(4):
            if i and best[state] > run_best:  # strict: ties keep the earlier part
                run_best, run_arg = best[state], state
            prior = -PRIOR * abs(position - _CENTRES[state])
            new[state] = scores[state] + prior + (run_best if i else 0.0)
            row[state] = run_arg if i else state
        back.append(row)
        best = new
    state = max(range(4), key=lambda s: (best[s], -s))
    labels = [state]
    for i in range(n - 1, 0, -1):
        state = back[i][state]
        labels.append(state)
    labels.reverse()
    return labels


def detect_parts(text: str) -> dict[StarPart, str]:
    """The text of each part: its sentences in order, joined with one space (maybe "")."""
    found = [Sentence.of(piece) for piece in sentences(text)]
    groups: dict[StarPart, list[str]] = {part: [] for part in STAR_PARTS}
    for sentence, state in zip(found, label(found), strict=True):
        groups[STAR_PARTS[state]].append(sentence.text)
    return {part: " ".join(groups[part]) for part in STAR_PARTS}
