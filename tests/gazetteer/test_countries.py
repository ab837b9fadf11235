"""Country codes from dataset spellings, without the index."""

from __future__ import annotations

import pytest

from gazetteer import country_code, country_code_of_fips


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Ukraine", "UA"),
        ("Democratic Republic of Congo", "CD"),  # ACLED's spelling
        ("Republic of Congo", "CG"),
        ("Czech Republic", "CZ"),
        ("Türkiye", "TR"),
        ("PALESTINE", "PS"),
        ("Caribbean Netherlands", "BQ"),
    ],
)
def test_dataset_spellings_give_the_iso_code(name: str, code: str) -> None:
    assert country_code(name) == code


def test_unknown_names_and_codes_give_none() -> None:
    assert country_code("Narnia") is None and country_code("") is None
    assert country_code_of_fips("XX") is None and country_code_of_fips("") is None


def test_fips_codes_are_not_iso_codes() -> None:
    assert country_code_of_fips("UP") == "UA"  # GDELT's Ukraine
    assert country_code_of_fips("up ") == "UA"
    assert country_code_of_fips("GM") == "DE"  # FIPS GM is Germany, ISO GM is Gambia
