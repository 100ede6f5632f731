"""Publication records: first publications frozen, restatements an audit trail that only grows."""

from __future__ import annotations

from datetime import date

from iro_warehouse import periods, warehouse
from iro_warehouse.publishing import records
from iro_warehouse.warehouse import Build

MARCH = periods.parse("2017-03")
FIGURES_DDL = """
create schema reporting;
create table reporting.panel_figures (
    period_type text, period_label text, period_start date, period_end date, measure_id text,
    unit text, numerator numeric, denominator numeric, value numeric, published_value text,
    is_provisional boolean
);
create table reporting.measures (measure_id text, measure_label text, sort_order int);
insert into reporting.measures values ('cla_at_end', 'Children looked after', 10);
"""


def _figure(url: str, value: int, published: str) -> None:
    warehouse.execute(
        url,
        "delete from reporting.panel_figures; insert into reporting.panel_figures values "
        "('month', '2017-03', '2017-03-01', '2017-03-31', 'cla_at_end', 'count', null, null, "
        "%s, %s, false)",
        (value, published),
    )


def _trail(url: str) -> list[tuple]:
    return warehouse.query(
        url,
        "select restated_on, revision, old_value, new_value, old_published_value, "
        "new_published_value from reporting.panel_figures_restatements order by 1, 2",
    )


def test_restatements_only_grow_and_a_rerun_that_changes_nothing_adds_nothing(warehouse_url):
    url = warehouse_url
    warehouse.execute(url, FIGURES_DDL)
    first, later = (
        Build(date(2017, 4, 5), date(2017, 4, 5)),
        Build(date(2017, 6, 15), date(2017, 6, 15)),
    )

    _figure(url, 831, "831")
    assert records.record(url, first, [MARCH]) == 0
    assert records.record(url, first, [MARCH]) == 0  # the same publication again

    _figure(url, 829, "829")  # a correction reaches March
    assert records.record(url, later, [MARCH]) == 1
    assert records.record(url, later, [MARCH]) == 0  # a rerun of that date: nothing new
    _figure(url, 831, "831")  # the same extract date rerun after the correction was undone
    assert records.record(url, later, [MARCH]) == 1

    assert _trail(url) == [
        (date(2017, 6, 15), 1, 831, 829, "831", "829"),
        (date(2017, 6, 15), 2, 829, 831, "829", "831"),
    ]
    frozen = warehouse.query(
        url, "select value, published_value, extract_date from reporting.panel_figures_published"
    )
    assert frozen == [(831, "831", date(2017, 4, 5))]
    listed = records.restatements_for(url, periods.parse("2017-06"), date(2017, 6, 15))
    assert [(r["old_value"], r["new_value"]) for r in listed] == [("831", "829"), ("829", "831")]


def test_restatements_made_before_revisions_are_migrated_in_place(warehouse_url):
    url = warehouse_url
    warehouse.execute(
        url,
        FIGURES_DDL
        + """
        create table reporting.panel_figures_restatements (
            period_type text not null, period_label text not null, period_end date not null,
            measure_id text not null, restated_on date not null, old_value numeric,
            new_value numeric, old_published_value text not null,
            new_published_value text not null,
            primary key (period_type, period_label, measure_id, restated_on)
        );
        insert into reporting.panel_figures_restatements values
            ('month', '2017-03', '2017-03-31', 'cla_at_end', '2017-05-01', 1, 2, 'c', 'c');
        """,
    )
    _figure(url, 831, "831")
    records.record(url, Build(date(2017, 6, 15), date(2017, 6, 15)), [MARCH])
    # the old row kept, as revision 1; the new comparison starts from what it stated
    assert _trail(url) == [
        (date(2017, 5, 1), 1, 1, 2, "c", "c"),
        (date(2017, 6, 15), 1, 2, 831, "c", "831"),
    ]
