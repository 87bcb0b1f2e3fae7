import sys

from te_navigator.cli.main import main

sys.exit(main())
