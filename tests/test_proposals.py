"""What the rules leave to the trained decision: the proposals each sentence of a document gets.

These check the candidates, not what the shipped weights make of them, so a retrained model cannot make them
pass or fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from actorgraph.discourse import DiscourseFrame
from actorgraph.documents import load_document
from actorgraph.model import Actor
from releases import release

pytestmark = pytest.mark.model

Draft = tuple[str, str, str, str, bool]  # subject key, relation, object key, rule, proposal


@pytest.fixture(scope="module")
def nlp() -> Any:
    from actorgraph.pipeline import build_nlp

    return build_nlp(None, classifier=False, drafts=True)


def drafts(nlp: Any, tmp_path: Path, text: str, name: str = "doc.md") -> list[tuple[str, set[Draft]]]:
    """Each sentence of a document with its drafts, read as extraction reads it (frame and all)."""
    from actorgraph.extract import _block_tasks
    from actorgraph.pipeline import block_doc, discourse_state
    from actorgraph.pipeline.relations import DRAFTS

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    tasks = _block_tasks(load_document(path))
    state = discourse_state(tasks[0])
    out: list[tuple[str, set[Draft]]] = []
    for doc in nlp.pipe(block_doc(nlp, task, n, state) for n, task in enumerate(tasks)):
        sents = list(doc.sents)
        for i, sent in enumerate(sents):
            found = {
                (d.key[0], d.key[1], d.key[2], d.assertion.rule, d.proposal)
                for d in doc._.get(DRAFTS) or []
                if d.sentence == i
            }
            out.append((sent.text.strip(), found))
    return out


def only(found: list[tuple[str, set[Draft]]], start: str) -> set[Draft]:
    return next(d for text, d in found if text.startswith(start))


def test_a_meetings_parties_are_proposed_pairwise_for_every_relation_a_sentence_signals(
    nlp: Any, tmp_path: Path
) -> None:
    text = release(
        "Readout of a Meeting of President Biden, Chancellor Scholz of Germany and President Macron"
        " of France",
        "2024-10-18",
        "The talks focused on energy security in Ukraine.\n\n"
        "They expressed their support for further sanctions.\n",
    )
    found = drafts(nlp, tmp_path, text)
    talks = {(s, o) for s, r, o, rule, p in only(found, "The talks") if rule == "frame-meet" and p}
    assert {frozenset(pair) for pair in talks} >= {
        frozenset(("USA", "FRA")),
        frozenset(("USA", "DEU")),
        frozenset(("FRA", "DEU")),
    }
    # a directed relation is proposed each way round: which one holds is the decision's to make
    support = {(s, o) for s, r, o, rule, p in only(found, "They expressed") if r == "supports" and p}
    assert support == set() or {("USA", "FRA"), ("FRA", "USA")} <= support


def test_a_pair_the_rules_related_can_take_another_relation_from_another_word(
    nlp: Any, tmp_path: Path
) -> None:
    found = drafts(nlp, tmp_path, "Japan met India and expressed its support.\n")
    sentence = found[0][1]
    assert ("IND", "consultsWith", "JPN", "svo", False) in sentence
    # "support" is another word: the pair may also hold that relation, for the decision; "its" support is
    # Japan's, so only Japan is proposed as the supporter
    support = {(s, o) for s, r, o, rule, p in sentence if r == "supports" and p}
    assert support == {("JPN", "IND")}


def test_one_word_gives_a_pair_one_relation(nlp: Any, tmp_path: Path) -> None:
    found = drafts(nlp, tmp_path, "China and Russia declared a partnership.\n")
    relations = {r for s, r, o, rule, p in found[0][1] if {s, o} == {"CHN", "RUS"}}
    assert len(relations) == 1, relations


def test_a_word_the_rules_read_signals_nothing_for_other_actors(nlp: Any, tmp_path: Path) -> None:
    text = "Amid Russia's war in Ukraine, the partnership between Japan and India matters more than ever.\n"
    sentence = drafts(nlp, tmp_path, text)[0][1]
    friendly = [frozenset((s, o)) for s, r, o, _, _ in sentence if r in {"cooperatesWith", "partnerOf"}]
    assert frozenset(("JPN", "IND")) in friendly
    assert frozenset(("RUS", "UKR")) not in friendly


def test_how_a_relation_is_carried_out_signals_no_other(nlp: Any, tmp_path: Path) -> None:
    found = drafts(nlp, tmp_path, "Pakistan supports Lashkar-e-Taiba by providing training and funds.\n")
    sentence = found[0][1]
    assert ("PAK", "supports", "lashkar-e-taiba", "svo", False) in sentence or any(
        r == "supports" and not p for s, r, o, rule, p in sentence
    )
    assert not any(r == "aids" for s, r, o, rule, p in sentence)


def test_the_signatories_one_we_names_are_not_proposed_to_each_other(nlp: Any, tmp_path: Path) -> None:
    """From its "we" no signatory is proposed to another; the statement's frame offers them the mutual
    relations only ("talks" may be theirs, and what "we" undertake may be cooperation; "support" of one
    another is not proposed)."""
    text = release(
        "Joint Statement from the Leaders of Egypt, Qatar and the United States",
        "2024-08-08",
        "We welcome the progress of the talks with Israel and support the mediators.\n",
    )
    signatories = {"EGY", "QAT", "USA"}
    found = [d for _, sentence in drafts(nlp, tmp_path, text) for d in sentence]
    among = {(s, r, o, rule) for s, r, o, rule, p in found if p and {s, o} <= signatories}
    assert among and {rule for _, _, _, rule in among} == {"frame-joint"}
    assert {r for _, r, _, _ in among} == {"consultsWith", "cooperatesWith"}


def test_a_joint_statements_title_names_its_signers_after_by() -> None:
    people = {
        "President A": Actor("a", "Person", "A", state="NLD"),
        "Chancellor B": Actor("b", "Person", "B", state="DEU"),
        "Russia": Actor("russia", "State", "Russia", state="RUS"),
    }

    def lookup(text: str) -> list[Actor]:
        return [actor for name, actor in people.items() if name in text]

    title = "Joint Statement on Air Defense by President A and Chancellor B"
    signed = DiscourseFrame.for_document(title, lookup)
    assert {a.id for a in signed.author} == {"a", "b"}
    # "by Russia" after a topic is who did something, not who signed
    agent = DiscourseFrame.for_document("Joint Statement on the Strikes by Russia", lookup)
    assert agent.author == ()


def after_a_meeting(nlp: Any, tmp_path: Path, kind: str, guest: str, date: str, sentence: str) -> set[Draft]:
    """The drafts of a sentence that follows the opening of a readout of President Biden's call or meeting."""
    verb = {"Call": "spoke today with", "Meeting": "met today with"}[kind]
    text = release(
        f"Readout of President Biden's {kind} with {guest}",
        date,
        f"President Biden {verb} {guest}.\n\n{sentence}\n",
    )
    return only(drafts(nlp, tmp_path, text), sentence)


def test_a_readout_sentence_naming_nobody_is_offered_as_the_parties_talking(nlp: Any, tmp_path: Path) -> None:
    talks = after_a_meeting(
        nlp,
        tmp_path,
        "Call",
        "Prime Minister Kishida of Japan",
        "2023-05-02",
        "The discussions focused on supply chains and clean energy.",
    )
    assert {frozenset((s, o)) for s, r, o, rule, p in talks if r == "consultsWith" and p} == {
        frozenset(("USA", "JPN"))
    }


def test_restating_a_view_is_no_consulting(nlp: Any, tmp_path: Path) -> None:
    restated = after_a_meeting(
        nlp,
        tmp_path,
        "Meeting",
        "President Macron of France",
        "2023-06-08",
        "The leaders reaffirmed their commitment to energy security.",
    )
    assert not [d for d in restated if d[1] == "consultsWith" and not d[4]]


def test_a_hostile_stance_toward_an_event_targets_its_agent(nlp: Any, tmp_path: Path) -> None:
    sentence = drafts(nlp, tmp_path, "Germany and France condemned Russia's war against Ukraine.\n")[0][1]
    assert {("DEU", "accuses", "RUS", "svo", False), ("FRA", "accuses", "RUS", "svo", False)} <= sentence


def test_its_in_a_for_phrase_after_an_object_is_that_object(nlp: Any, tmp_path: Path) -> None:
    text = "The United States and France keep raising the costs on Russia for its invasion of Ukraine.\n"
    ruled = {(s, r, o) for s, r, o, rule, p in drafts(nlp, tmp_path, text)[0][1] if not p}
    assert {("USA", "pressures", "RUS"), ("FRA", "pressures", "RUS"), ("RUS", "attacks", "UKR")} <= ruled
    assert ("USA", "attacks", "UKR") not in ruled


def test_ties_between_states_are_a_partnership(nlp: Any, tmp_path: Path) -> None:
    sentence = drafts(nlp, tmp_path, "The ties between Korea and Japan have never been stronger.\n")[0][1]
    assert {(frozenset((s, o)), r) for s, r, o, rule, p in sentence if not p} == {
        (frozenset(("KOR", "JPN")), "partnerOf")
    }


def test_we_at_a_trilateral_meeting_takes_in_every_party(nlp: Any, tmp_path: Path) -> None:
    """A speaker's "we" / "our" at a meeting of three takes in all three where the sentence counts them."""
    text = release(
        "Remarks by Prime Minister Ishiba of Japan, President Yoon of Korea and President Biden at a "
        "Trilateral Meeting | Lima, Peru",
        "2024-11-15",
        "PRIME MINISTER ISHIBA:  We will deepen our trilateral cooperation in the years ahead.\n\n"
        "PRIME MINISTER ISHIBA:  We will deepen our cooperation with India.\n",
    )
    (_, counted), (_, own) = drafts(nlp, tmp_path, text)
    ruled = {(s, o) for s, r, o, rule, p in counted if r == "cooperatesWith" and not p}
    assert {("JPN", "KOR"), ("JPN", "USA")} <= ruled
    assert not {d for d in counted if "PER" in (d[0], d[2])}  # Lima, Peru is where they met
    # no count, no joint word: "we" is the speaker's side, cooperating with India
    assert {(s, o) for s, r, o, rule, p in own if r == "cooperatesWith" and not p} == {("IND", "JPN")}


def test_a_phrase_signals_only_where_it_stands_whole(nlp: Any, tmp_path: Path) -> None:
    """ "force" alone is not the lexicon's "show of force": an air force signals no threat."""
    found = drafts(nlp, tmp_path, "Israel's air force destroyed Syria's radar system.\n")
    assert not {d for d in found[0][1] if d[1] == "threatens"}
    shown = drafts(nlp, tmp_path, "Russia staged a show of force near Ukraine and met France.\n")
    assert {d for d in shown[0][1] if d[1] == "threatens"}


def test_an_event_nouns_owner_is_its_agent(nlp: Any, tmp_path: Path) -> None:
    """ "Russian aggression" and "its aggression" are the owner's acts: no one else is the attacker."""
    found = drafts(nlp, tmp_path, "Japan sent aid to Ukraine to defend against Russian aggression.\n")
    attackers = {d[0] for d in found[0][1] if d[1] == "attacks"}
    assert attackers <= {"RUS"}


def test_a_turn_naming_nobody_is_offered_as_the_speaker_talking_to_the_leader_addressed(
    nlp: Any, tmp_path: Path
) -> None:
    text = release(
        "Remarks by Prime Minister Fiala of the Czech Republic and President Biden Before Their Talks",
        "2024-04-15",
        "PRESIDENT BIDEN:  Well, Mr. Prime Minister, welcome.  I am glad to see you.\n",
    )
    welcome = only(drafts(nlp, tmp_path, text), "Well, Mr. Prime Minister")
    assert {(frozenset((s, o)), r, rule, p) for s, r, o, rule, p in welcome} == {
        (frozenset(("USA", "CZE")), "consultsWith", "frame-talk", True)
    }


@pytest.mark.parametrize(
    ("title", "party"),
    [
        # an office's "for" starts no topic: the minister's state is a party
        (
            "Readout of National Security Advisor Jake Sullivan's Meeting with Tánaiste, Minister for Foreign"
            " Affairs and Minister for Defence Micheál Martin of Ireland",
            "IRL",
        ),
        # a demonym before an official's title names the official's state
        (
            "Readout of National Security Advisor Jake Sullivan's Call with Polish Bureau Chief Pawel Soloch",
            "POL",
        ),
        ("Readout of National Security Advisor Jake Sullivan's Call with Ukrainian Counterparts", "UKR"),
        # but not the origin of a person who speaks for no state
        (
            "Readout of National Security Advisor Jake Sullivan's Meeting with Iranian-American Journalist X",
            None,
        ),
    ],
)
def test_a_readout_titles_parties(nlp: Any, title: str, party: str | None) -> None:
    extractor = nlp.get_pipe("actorgraph_relations")
    frame = DiscourseFrame.for_document(title, lambda text: extractor.actors_in(text, "2023-02-08"))
    states = {a.state for a in frame.participants if a.state and a.state != "USA"}
    assert states == ({party} if party else set())


def test_committed_to_working_with_is_cooperation_and_a_list_after_among_relates_every_member(
    nlp: Any, tmp_path: Path
) -> None:
    found = drafts(
        nlp,
        tmp_path,
        "France is committed to continuing to work closely with Russia.\n\n"
        "Japan and Korea are committed to working closely with ASEAN.\n\n"
        "At the request of President Zelenskyy, France is helping Ukraine.\n\n"
        "Ministers praised the new cooperation among Japan, the Republic of Korea, and Canada.\n",
    )
    committed = only(found, "France is committed")
    assert ("FRA", "cooperatesWith", "RUS", "svo", False) in committed
    adjective = {(s, r, o) for s, r, o, rule, p in only(found, "Japan and Korea") if not p}
    assert adjective == {("JPN", "cooperatesWith", "asean"), ("KOR", "cooperatesWith", "asean")}
    assert ("UKR", "requests", "FRA", "nominal", False) in only(found, "At the request")
    among = {
        frozenset((s, o)) for s, r, o, rule, p in only(found, "Ministers") if r == "cooperatesWith" and not p
    }
    assert among == {frozenset(("JPN", "KOR")), frozenset(("JPN", "CAN")), frozenset(("KOR", "CAN"))}


def test_what_the_parties_do_together_is_offered_as_talks_in_a_call_and_cooperation_in_a_joint_statement(
    nlp: Any, tmp_path: Path
) -> None:
    underscored = after_a_meeting(
        nlp,
        tmp_path,
        "Call",
        "President Lopez Obrador of Mexico",
        "2023-05-09",
        "Both leaders underscored the value of orderly migration.",
    )
    assert {(frozenset((s, o)), r, rule) for s, r, o, rule, p in underscored if p} == {
        (frozenset(("USA", "MEX")), "consultsWith", "frame-meet")
    }
    text = release(
        "Joint Statement from the United States and Mexico",
        "2023-04-13",
        "Both countries intend to develop new research exchanges.\n\n"
        "The panel will publish a report in May.\n",
    )
    found = drafts(nlp, tmp_path, text, "joint.md")
    assert only(found, "Both countries") == {("MEX", "cooperatesWith", "USA", "frame-joint", True)}
    assert only(found, "The panel") == set()  # neither of the two acts: nothing to offer


def test_lists_read_as_appositions_officials_from_a_state_and_an_unknown_name_with_its_office(
    nlp: Any, tmp_path: Path
) -> None:
    found = drafts(
        nlp,
        tmp_path,
        "German officials have engaged with NATO, the EU, and the OSCE.\n\n"
        "Germany held meetings with officials from Uzbekistan and Kazakhstan.\n\n"
        "Berlin hosted Micheál Martin, Taoiseach of Ireland, at a dinner.\n\n"
        "France met Jane Doe, a friend of Italy.\n",
    )

    def rules(start: str) -> set[tuple[str, str, str]]:
        return {(s, r, o) for s, r, o, rule, p in only(found, start) if not p}

    assert rules("German officials") == {
        ("DEU", "consultsWith", "nato"),
        ("DEU", "consultsWith", "european-union"),
        ("DEU", "consultsWith", "osce"),
    }
    assert rules("Germany held") == {("DEU", "consultsWith", "UZB"), ("DEU", "consultsWith", "KAZ")}
    assert rules("Berlin hosted") == {("DEU", "consultsWith", "IRL")}
    assert rules("France met") == set()  # a lone apposition describes: she is no envoy of Italy


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a copula's subject is the agent of its predicate noun
        ("Iran is a threat to Israel.", {("IRN", "threatens", "ISR")}),
        ("France is in close contact with Israel.", {("FRA", "consultsWith", "ISR")}),
        # a conjoined subject fighting a target of its own fights side by side
        (
            "France and Iraq fight to defeat ISIS.",
            {("FRA", "attacks", "islamic-state"), ("IRQ", "attacks", "islamic-state")},
        ),
        ("Armenia and Azerbaijan fought a war over Karabakh.", {("ARM", "clashesWith", "AZE")}),
        # a light verb acts through its noun: launching a partnership attacks nobody
        (
            "Japan and the U.S. agreed to launch the Japan-U.S. Climate Partnership.",
            {("JPN", "agreesWith", "USA"), ("JPN", "cooperatesWith", "USA")},
        ),
        (
            "France condemned Russia's war against Ukraine.",
            {("FRA", "accuses", "RUS"), ("RUS", "attacks", "UKR")},
        ),
    ],
)
def test_rule_readings(nlp: Any, tmp_path: Path, text: str, expected: set[tuple[str, str, str]]) -> None:
    (_, found), *_ = drafts(nlp, tmp_path, text + "\n")
    assert {(s, r, o) for s, r, o, rule, p in found if not p} == expected
