"""Publishing the panel's figures, one module per job.

* :mod:`.figures` reads what the warehouse publishes (``reporting.panel_figures_public``,
  the measure metadata seed, the data-quality summary): disclosure control is the
  warehouse's, never redone here;
* :mod:`.records` keeps the publications as state: first publications frozen,
  restatements recorded;
* :mod:`.report` renders the self-contained HTML report;
* :mod:`.files` writes a period's files atomically;
* :mod:`.publisher` puts them together for a period, a month's run, a nightly.

Imports run downward only: publisher → report → figures, records → warehouse.
"""
