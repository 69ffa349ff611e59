"""The extraction rules, one family per module, registered by name and run in the component's order.

* :mod:`.verbal`: a verb's subject and object; refusals; crediting verbs; predicate adjectives.
* :mod:`.nominal`: event nouns, gerunds, hyphenated participles, "pro-"/"anti-", "joint".
* :mod:`.standing`: relational nouns ("Russia's ally", "a member of") and taking sides.
* :mod:`.speech`: reported speech, accusations by reporters, the scope of requests.
* :mod:`.linear`: the word-order fallback for mis-parsed sentences.
* :mod:`.arguments` and :mod:`.targets`: the actors of a word (fan-out, subjects, prepositions, means,
  places hit).

:func:`run_rules` applies the token rules to every word of a sentence (the first rule that claims a word
ends its chain), then the sentence rules, then reads each candidate's modality.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...errors import ActorgraphError
from ..modality import modality_of
from . import linear, nominal, speech, standing, verbal
from .base import SENTENCE_RULES, TOKEN_RULES, Candidate, CandidateFeatures, SentenceContext

__all__ = [
    "DEFAULT_SENTENCE_RULES",
    "DEFAULT_TOKEN_RULES",
    "Candidate",
    "CandidateFeatures",
    "SentenceContext",
    "check_rule_names",
    "run_rules",
]

_FAMILIES = (linear, nominal, speech, standing, verbal)  # imported for their registrations

#: Token rules in the order the component runs them by default.
DEFAULT_TOKEN_RULES = (
    "participle",
    "prefix",
    "joint",
    "side",
    "refusal",
    "verb",
    "gerund",
    "noun",
    "adjective",
    "credit",
)
#: Sentence rules in the order the component runs them by default.
DEFAULT_SENTENCE_RULES = (
    "linear",
    "request_scope",
    "opinion_scope",
    "reported_speech",
    "reported_accusation",
    "disputed_claims",
)


def check_rule_names(token_rules: Sequence[str], sentence_rules: Sequence[str]) -> None:
    """Raise when a configured rule name is not registered.

    Raises:
        ActorgraphError: the message names the unknown rule and lists the known ones.
    """
    for names, registry, kind in (
        (token_rules, TOKEN_RULES, "token"),
        (sentence_rules, SENTENCE_RULES, "sentence"),
    ):
        for name in names:
            if name not in registry:
                raise ActorgraphError(f"unknown {kind} rule {name!r} (known: {', '.join(sorted(registry))})")


def run_rules(
    ctx: SentenceContext, token_rules: Sequence[str], sentence_rules: Sequence[str]
) -> list[Candidate]:
    """Apply the named rules to one sentence and return its candidates, each with its modality.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence
        >>> ctx = sentence(
        ...     "Turkey did not support Armenia",
        ...     heads=[3, 3, 3, 3, 3],
        ...     deps=["nsubj", "aux", "neg", "ROOT", "dobj"],
        ...     pos=["PROPN", "AUX", "PART", "VERB", "PROPN"],
        ...     lemmas=["Turkey", "do", "not", "support", "Armenia"],
        ... )
        >>> found = run_rules(ctx, DEFAULT_TOKEN_RULES, DEFAULT_SENTENCE_RULES)
        >>> [(c.relation.name, c.modality.negated) for c in found]
        [('supports', True)]
    """
    token_chain = [TOKEN_RULES[name] for name in token_rules]
    for tok in ctx.sent:
        if tok.i in ctx.used_triggers:
            continue
        for rule in token_chain:
            if rule(ctx, tok):
                break
    for name in sentence_rules:
        SENTENCE_RULES[name](ctx)
    for cand in ctx.candidates:
        if cand.modality is None:
            cand.modality = modality_of(cand.trigger, ctx.sent, ctx.resources)
    return ctx.candidates
