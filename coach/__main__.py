"""``python -m coach`` is the same as the ``perfmirror`` command."""

from coach.cli import main

raise SystemExit(main())
