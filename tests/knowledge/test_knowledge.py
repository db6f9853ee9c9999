"""Loading language and conflict knowledge (geo.knowledge.files, geo.knowledge.lexicon): errors name
the file; the shipped data is well-formed and complete for every language."""
import shutil

import pytest

from geo.knowledge.files import DATA_DIR, KnowledgeError, default_knowledge, load_knowledge
from geo.knowledge.lexicon import Lexicon, lexicon_for


@pytest.fixture
def data(tmp_path):
    """A copy of the shipped language and conflict data to break."""
    for sub in ("lang", "conflicts"):
        shutil.copytree(DATA_DIR / sub, tmp_path / sub)
    shutil.copy(DATA_DIR / "event_types.yaml", tmp_path / "event_types.yaml")
    return tmp_path


def test_the_copy_loads(data):
    k = load_knowledge(data)
    assert set(k.languages) >= {"it", "en"} and k.conflict.id == "armenia_azerbaijan"


def test_yes_no_on_off_are_words_not_booleans(data):
    (data / "lang/en/extra.yaml").write_text("extra_words: [no, yes, on, off, true, False]\n", encoding="utf-8")
    assert load_knowledge(data).languages["en"].get("extra_words") == ["no", "yes", "on", "off", True, False]


def test_malformed_yaml_names_the_file(data):
    bad = data / "lang/it/cues.yaml"
    bad.write_text("stopwords: [il, lo\nqualifiers: {", encoding="utf-8")
    with pytest.raises(KnowledgeError) as e:
        load_knowledge(data)
    assert str(bad) in str(e.value)


def test_a_language_file_that_is_not_a_mapping_names_the_file(data):
    bad = data / "lang/en/extra.yaml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as e:
        load_knowledge(data)
    assert str(bad) in str(e.value) and "mapping" in str(e.value)


def test_a_key_defined_in_two_files_of_a_language_names_it(data):
    bad = data / "lang/en/extra.yaml"
    bad.write_text("stopwords: [the]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as e:
        load_knowledge(data)
    assert str(bad) in str(e.value) and "stopwords" in str(e.value)


def test_a_conflict_file_without_sides_names_the_file(data):
    bad = data / "conflicts/armenia_azerbaijan.yaml"
    bad.write_text("id: x\nsources: {}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as e:
        load_knowledge(data)
    assert str(bad) in str(e.value) and "sides" in str(e.value)


def test_no_conflict_file_is_an_error(data):
    (data / "conflicts/armenia_azerbaijan.yaml").unlink()
    with pytest.raises(KnowledgeError, match="conflict"):
        load_knowledge(data)


def test_a_missing_data_folder_is_a_knowledge_error(tmp_path):
    with pytest.raises(KnowledgeError) as e:
        load_knowledge(tmp_path / "nowhere")
    assert "nowhere" in str(e.value)


def test_an_unknown_language_is_a_knowledge_error():
    with pytest.raises(KnowledgeError, match="'xx'"):
        default_knowledge().language("xx")


# The shipped data.

def _phrases(value, where):
    """Every phrase of a cue-file value, with where it sits."""
    if isinstance(value, list):
        for i, v in enumerate(value):
            yield from _phrases(v, f"{where}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k, f"{where} key"
            if isinstance(v, (list, dict)):
                yield from _phrases(v, f"{where}.{k}")
    else:
        yield value, where


NUMERIC = {"number_words", "number_amounts", "number_scales", "weekdays", "months", "relative_dates"}
FLAGS = {"number_group_space"}  # yes or no, not phrases


@pytest.mark.parametrize("lang", sorted(default_knowledge().languages))
def test_every_phrase_is_text(lang):
    """YAML reads a bare `no`, `on`, `yes`, `off` as a boolean: a cue word lost silently."""
    data = default_knowledge().language(lang).data
    bad = [(where, v) for key, value in data.items() if key not in NUMERIC | FLAGS
           for v, where in _phrases(value, key) if not isinstance(v, str)]
    assert not bad, f"non-text phrases (quote them in the YAML): {bad}"
    assert all(isinstance(data[key], bool) for key in FLAGS), {key: data[key] for key in FLAGS}


def test_every_language_has_every_key_the_extractor_reads():
    k = default_knowledge()
    keys = {lang: set(k.language(lang).data) for lang in k.languages}
    assert set(keys) >= {"it", "en", "ru", "fr", "es", "de"}
    for lang in keys:
        assert keys[lang] ^ keys["it"] == set(), lang


def test_sides_and_sources_cover_every_language():
    k = default_knowledge()
    conflict = k.conflict
    for side in conflict.sides.values():
        if side.adjectives or side.names:
            assert set(side.adjectives) == set(side.names) == set(k.languages), side.id
    composed = set(conflict.institution_sources.values())
    for src in conflict.sources.values():
        if src.id != "unattributed":
            # named by its own cues in every language, or composed of an institution and an actor
            assert set(src.cues) == set(k.languages) or src.id in composed, src.id
            assert src.party in set(conflict.sides) | {"third", "media"}, src.id


def test_every_language_has_words_for_every_institution_and_actor():
    k = default_knowledge()
    kinds = set(k.conflict.institutions)
    for lang in k.languages.values():
        assert set(lang.get("institutions")) == kinds, lang.code
        assert lang.get("institution_determiners"), lang.code
    for actor in k.conflict.actors():
        assert set(actor.names) == set(k.languages), actor.id


def test_an_institution_an_actor_does_not_map_is_a_source_of_its_own():
    conflict = default_knowledge().conflict
    table = conflict.institution_sources
    assert table["armenia", "defence_ministry"] == "armenian_mod"
    assert table["azerbaijan", "health_ministry"] == "azerbaijan_health_ministry"
    made = conflict.sources["azerbaijan_health_ministry"]
    assert (made.name, made.party) == ("Ministry of Health of Azerbaijan", "azerbaijan")
    # a side whose sources speak for another party keeps its own people as "ours"
    ombudsman = conflict.sources["karabakh_armenian_ombudsman"]
    assert (ombudsman.side, ombudsman.party) == ("karabakh_armenian", "armenia")
    assert conflict.sources["turkey_defence_ministry"].party == "third"


def test_sources_speaking_for_a_side_name_a_real_side():
    conflict = default_knowledge().conflict
    for sid, s in conflict.sources.items():
        assert s.speaks_for_side in (None, *conflict.sides), sid
        assert s.side in (None, *conflict.sides), sid


def test_the_lexicon_is_built_once_per_language():
    k = default_knowledge()
    a, b = lexicon_for(k, "it"), lexicon_for(k, "it")
    assert a is b and isinstance(a, Lexicon) and lexicon_for(k, "en") is not a
    assert a.enemy_of("armenia") == "azerbaijan" and a.source_side("karabakh_authorities") == "karabakh_armenian"
