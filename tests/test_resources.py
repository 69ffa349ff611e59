from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from actorgraph import bundle, resources
from actorgraph.errors import OntologyNotFoundError


def test_source_checkout_finds_top_level_ontology(repo_root: Path) -> None:
    assert resources.ontology_dir() in {repo_root / "ontology", resources.ontology_dir()}
    assert (resources.ontology_dir() / "actorgraph.ttl").is_file()


def test_explicit_argument_wins(tmp_path: Path) -> None:
    (tmp_path / "actorgraph.ttl").write_text("", encoding="utf-8")
    assert resources.ontology_dir(tmp_path) == tmp_path


def test_env_var_is_tried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "actorgraph.ttl").write_text("", encoding="utf-8")
    monkeypatch.setenv(resources.ENV_VAR, str(tmp_path))
    assert resources.ontology_dir() == tmp_path


def test_missing_everywhere_lists_every_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resources.ENV_VAR, str(tmp_path / "nope-env"))
    monkeypatch.setattr(resources, "__file__", str(tmp_path / "a" / "b" / "c" / "resources.py"))
    monkeypatch.setattr(resources.resources, "files", lambda _pkg: tmp_path / "no-wheel")
    with pytest.raises(OntologyNotFoundError) as info:
        resources.ontology_dir(tmp_path / "nope-arg")
    message = str(info.value)
    for part in ("nope-arg", "nope-env", "no-wheel"):
        assert part in message


def test_data_files_are_where_the_helpers_say() -> None:
    assert resources.queries_dir().name == "queries"
    assert resources.gazetteer_dir().name == "gazetteer"
    assert resources.shapes_path().name == "shapes.ttl"
    assert resources.lexicon_path().name == "lexicon.tsv"


# ----------------------------------------------------------------------------- the Resources object


def _ontology_copy(tmp_path: Path) -> Path:
    """A copy of the shipped ontology folder that a test may edit."""
    import shutil

    folder = tmp_path / "ontology"
    shutil.copytree(resources.ontology_dir(), folder)
    return folder


def _rename_turkey(folder: Path) -> None:
    states = folder / "gazetteer" / "states.tsv"
    text = states.read_text(encoding="utf-8")
    old = "turkey\tTUR\tTurkey\tTürkiye|Turkiye|"
    assert old in text
    states.write_text(text.replace(old, "turkey\tTUR\tTürkiye\tTurkey|Turkiye|"), encoding="utf-8")


def _shelling(nlp: Any) -> Any:
    """A hand-built parse of "Armenia shelled Izmir ." (Izmir is a city of cities.tsv, not an actor)."""
    from spacy.tokens import Doc

    return Doc(
        nlp.vocab,
        words=["Armenia", "shelled", "Izmir", "."],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "dobj", "punct"],
        pos=["PROPN", "VERB", "PROPN", "PUNCT"],
        lemmas=["Armenia", "shell", "Izmir", "."],
    )


def test_a_renamed_actor_shows_up_under_its_new_label(tmp_path: Path) -> None:
    """Each pipeline reads its own gazetteer: nothing is cached from the first one a process saw."""
    import spacy

    from actorgraph.pipeline.relations import RelationExtractor
    from actorgraph.pipeline.ruler import GazetteerRuler

    folder = _ontology_copy(tmp_path)
    _rename_turkey(folder)
    labels = []
    for res in (bundle.load_resources(), bundle.load_resources(folder)):
        nlp = spacy.blank("en")
        ruler, component = GazetteerRuler(nlp), RelationExtractor(nlp, "actorgraph_relations")
        ruler.initialize(resources=res)
        component.initialize(resources=res)
        doc = component(ruler(_shelling(nlp)))
        (found,) = doc._.actorgraph_relations
        assert (found.subject_state, found.relation.name, found.object_state) == ("ARM", "attacks", "TUR")
        labels.append(found.object.label)
    assert labels == ["Turkey", "Türkiye"]


def test_resources_read_everything_from_their_own_folder(tmp_path: Path) -> None:
    folder = _ontology_copy(tmp_path)
    _rename_turkey(folder)
    (folder / "gazetteer" / "combining_forms.tsv").write_text(
        "form\tactor\nottoman\tturkey\n", encoding="utf-8"
    )
    res = bundle.load_resources(folder)
    assert res.gazetteer.city_state("Izmir").label == "Türkiye"  # type: ignore[union-attr]
    assert res.gazetteer.combining_form("Ottoman").label == "Türkiye"  # type: ignore[union-attr]
    assert res.gazetteer.combining_form("sino") is None
    assert res.version != bundle.load_resources().version


def test_editing_the_ontology_invalidates_the_extraction_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actorgraph.cache import ExtractionCache
    from actorgraph.documents import document_from_text
    from actorgraph.extract import Extractor

    folder = _ontology_copy(tmp_path)
    monkeypatch.setenv(resources.ENV_VAR, str(folder))
    doc = document_from_text("Turkey supports Azerbaijan.", name="a.txt")
    before = Extractor().version_key
    ExtractionCache(tmp_path / "cache", before).put(doc, [])
    assert ExtractionCache(tmp_path / "cache", Extractor().version_key).get(doc) == []
    ttl = folder / "actorgraph.ttl"
    ttl.write_text(
        ttl.read_text(encoding="utf-8").replace(
            'rdfs:label "supports"@en ; ag:polarity 1', 'rdfs:label "supports"@en ; ag:polarity 0'
        ),
        encoding="utf-8",
    )
    after = Extractor().version_key
    assert after != before
    assert ExtractionCache(tmp_path / "cache", after).get(doc) is None
    # and the edited ontology is what the new extractor reads (nothing stale from an earlier parse)
    assert Extractor().resources.relation_types["supports"].polarity == 0


def test_extra_files_enter_the_version_and_survive_to_disk(tmp_path: Path) -> None:
    actors = tmp_path / "mine.tsv"
    actors.write_text("id\ttype\tlabels\tstate\nfreedonia\tState\tFreedonia\tFRD\n", encoding="utf-8")
    lexicon = tmp_path / "mine_lexicon.tsv"
    lexicon.write_text("befriend\tverb\tsupports\tdobj\n", encoding="utf-8")
    res = bundle.load_resources(actors=[actors], lexicons=[lexicon])
    assert res.version != bundle.load_resources().version
    res.to_disk(tmp_path / "saved")
    back = bundle.Resources.from_disk(tmp_path / "saved")
    assert back.version == res.version
    assert back.gazetteer.resolve("Freedonia").state == "FRD"
    assert [e.relation for e in back.lexicon.relations("befriend", "verb")] == ["supports"]


def test_a_saved_pipeline_loads_with_its_resources(tmp_path: Path) -> None:
    import spacy

    actors = tmp_path / "mine.tsv"
    actors.write_text("id\ttype\tlabels\tstate\nfreedonia\tState\tFreedonia\tFRD\n", encoding="utf-8")
    res = bundle.load_resources(actors=[actors])
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for name in ("actorgraph_gazetteer", "actorgraph_relations"):
        nlp.add_pipe(name).initialize(resources=res)  # type: ignore[attr-defined]
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe("actorgraph_relations").resources.version == res.version  # type: ignore[attr-defined]
    doc = loaded("Freedonia backs Armenia.")
    assert [e.ent_id_ for e in doc.ents] == ["freedonia", "armenia"]


def test_a_component_without_resources_says_how_to_get_them() -> None:
    import spacy

    from actorgraph.errors import ActorgraphError
    from actorgraph.pipeline.relations import RelationExtractor

    nlp = spacy.blank("en")
    with pytest.raises(ActorgraphError, match="initialize"):
        RelationExtractor(nlp, "actorgraph_relations")(nlp.make_doc("Turkey backs Azerbaijan."))


def test_unknown_rule_names_are_refused() -> None:
    import spacy

    from actorgraph.errors import ActorgraphError

    nlp = spacy.blank("en")
    with pytest.raises(ActorgraphError, match="unknown token rule 'telepathy'"):
        nlp.add_pipe("actorgraph_relations", config={"token_rules": ["verb", "telepathy"]})


def test_a_missing_gazetteer_file_is_named(tmp_path: Path) -> None:
    from actorgraph.errors import InputError

    folder = _ontology_copy(tmp_path)
    (folder / "gazetteer" / "nouns.tsv").unlink()
    with pytest.raises(InputError, match=r"nouns\.tsv"):
        bundle.load_resources(folder)


def test_an_unknown_rule_hint_is_an_error(tmp_path: Path) -> None:
    from actorgraph.errors import InputError

    folder = _ontology_copy(tmp_path)
    ttl = folder / "actorgraph.ttl"
    ttl.write_text(
        ttl.read_text(encoding="utf-8").replace('"placeTarget"', '"placeTargett"'), encoding="utf-8"
    )
    with pytest.raises(InputError, match="placeTargett"):
        bundle.load_resources(folder)
