"""``python -m aicharter`` does what the ``aicharter`` command does."""

from .cli import main

raise SystemExit(main())
