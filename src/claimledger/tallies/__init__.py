"""Official tallies: a party's published daily count of the other side's losses.

``definitions.py`` reads the profile's ``tallies/tallies.yaml`` (who publishes each
tally, whose losses it counts, its columns, its known transcriptions) and the
primary series the package ships beside it; ``formats.py`` reads a dataset for
``claimledger tally import`` (JSON arrays of daily rows, like the two
transcriptions in ``shared/data/ukraine-mod-russia-losses``, or the CSV format
below) into a ``TallySeries``; ``disagreements`` lists the days two
transcriptions of one tally differ. Matching quoted figures to a tally is an
assessment (``assess/tallies.py``).

The CSV format (also what ``claimledger tally show NAME --csv`` writes, and the
shipped series' format): a header row ``date`` followed by column names (the
tally's ``measures``: ``killed``, ``tanks``, ...), then one row per day with an
ISO date and each column's cumulative total since the tally's start; an empty
cell is a value the day does not give.
"""

from __future__ import annotations

from .definitions import disagreements, load_tallies, shipped_series, tally_definitions
from .formats import ImportedSeries, read_dataset, series_csv_rows

__all__ = ["ImportedSeries", "disagreements", "load_tallies", "read_dataset", "series_csv_rows",
           "shipped_series", "tally_definitions"]
