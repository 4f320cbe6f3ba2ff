"""`demo`: a realistic persona in its own data directory, to try things on."""

from __future__ import annotations

import argparse


from ..clock import this_week
from .common import file_path
from .registry import arg, command


@command("demo",
         arg("--dir", type=file_path,
             help="where to create the demo data (default: a 'demo' folder beside your data)"))
def cmd_demo(args: argparse.Namespace) -> int:
    """Create a realistic 12-week persona in a separate data directory to try things on."""
    from ..demo import create_demo

    home = create_demo(args.dir, this_week())
    print(f"Demo data for 'Alex, IC L4' is in {home}. Try it:\n"
          f"  export PERFMIRROR_HOME={home}\n"
          f"  perfmirror status\n"
          f"(unset PERFMIRROR_HOME to go back to your own data)")
    return 0
