"""Danish typography in the documents (issue 16): a phone number's groups and "kl. 10.00" are
held together by non-breaking spaces, a CPR number's hyphen does not break (Word's
``w:noBreakHyphen``), and a range of time is written with an en dash."""

from __future__ import annotations

import re

import pytest
from conftest import docx_text, docx_xml

from samarbejdsdok import render
from samarbejdsdok.forms import all_forms, get_form

NBSP = "\u00a0"


def test_phone_numbers_and_times_do_not_part_over_two_lines() -> None:
    xml = docx_xml(bytes(render(get_form("flyer").example_model())))
    assert f"40{NBSP}21{NBSP}33{NBSP}18" in xml
    # No break after "kl." (a no-break space) or after the range's dash (a word joiner).
    assert f"kl.{NBSP}10.00–\u206014.00" in xml
    assert "40 21 33 18" not in xml and "kl. 10.00" not in xml


def test_a_masked_cpr_number_has_a_non_breaking_hyphen() -> None:
    spec = get_form("familieplan")
    data = render(spec.example_model())
    xml = docx_xml(data)
    masked = re.findall(r"(\d{6})</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">XXXX", xml)
    assert masked, "no masked CPR number with w:noBreakHyphen"
    assert f"{masked[0]}-XXXX" in docx_text(data)  # read as a hyphen
    assert "\u2011" not in xml  # the character itself, which fonts may lack, is not written


@pytest.mark.parametrize("spec", all_forms(), ids=lambda s: s.name)
def test_ranges_of_time_use_an_en_dash(spec) -> None:
    text = docx_text(bytes(render(spec.example_model())))
    assert not re.search(r"\b\d\d\.\d\d ?- ?\d\d\.\d\d\b", text), spec.name


@pytest.mark.parametrize("spec", all_forms(), ids=lambda s: s.name)
def test_quotations_use_danish_quotation_marks(spec) -> None:
    """»…« as Danish print writes them, not "…" or “…” (the template's own words; a value is
    printed as it was written)."""
    text = docx_text(bytes(render(spec.example_model())))
    assert not re.search(r'["“”]', text), re.findall(r'.{0,30}["“”].{0,30}', text)
