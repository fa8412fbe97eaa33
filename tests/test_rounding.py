"""Figures are exact 元 sums shown in 万元, each rounded half-up on its own."""

from decimal import Decimal

import pytest

from budget.builders.money import in_words, table_cell, to_wan


@pytest.mark.parametrize(
    "yuan, wan",
    [
        ("2716280.00", "271.63"),  # 271.628 rounds up
        ("2716250.00", "271.63"),  # exactly half: up, not to even
        ("2716249.99", "271.62"),
        ("50.00", "0.01"),
        ("49.99", "0.00"),
        ("-375050.00", "-37.51"),  # a decrease rounds away from zero too
    ],
)
def test_yuan_round_half_up_to_wan(yuan, wan):
    assert to_wan(Decimal(yuan)) == Decimal(wan)


def test_zero_is_an_empty_cell_and_0_00_in_a_sentence():
    assert table_cell(Decimal("0.00")) == ""
    assert table_cell(None) == ""
    assert in_words(None) == "0.00"
    assert in_words(Decimal("0")) == "0.00"


def test_a_total_is_rounded_from_yuan_not_from_its_rounded_parts(demo_budget):
    basic_table = demo_budget.build_tables()[5]
    total_row = basic_table.rows[0]
    total, personnel, public = total_row.figures

    assert total == personnel + public
    assert [table_cell(total), table_cell(personnel), table_cell(public)] == ["271.63", "233.32", "38.30"]
    assert to_wan(personnel) + to_wan(public) == Decimal("271.62")


def test_amounts_are_decimals_all_the_way(demo_budget):
    for table in demo_budget.build_tables():
        for row in table.printed_rows:
            assert not any(isinstance(cell, float) for cell in row)
