import sys

from te_navigator.tui.cli.main import main

sys.exit(main())
