"""``python -m aicharter`` does what the ``aicharter`` command does."""

from aicharter.cli import main

raise SystemExit(main())
