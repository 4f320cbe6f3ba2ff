"""`status`: where you stand in a window, with its forecast."""

from __future__ import annotations

import argparse

from .common import as_of_period, open_store, print_json, window_arguments
from .registry import command


@command("status", *window_arguments())
def cmd_status(args: argparse.Namespace) -> int:
    """Where am I on track? Band, score vs expected, dimensions, insights, expectations."""
    from perfmirror_core.forecast import forecast, forecast_as_dict, forecast_line
    from perfmirror_core.status import status_as_dict, where_am_i

    from ..clock import week_left
    as_of, weeks = as_of_period(args)
    data = open_store().scoring_data(last=as_of)
    report = where_am_i(data, as_of, weeks)
    projection = forecast(data, as_of, weeks, week_left=week_left(as_of))
    if args.json:
        print_json({**status_as_dict(report), "forecast": forecast_as_dict(projection)})
        return 0
    from ..render import status_card

    status_card(report, forecast_line(projection))
    return 0
