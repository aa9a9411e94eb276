import sys

from lscp_desktop.cli import main

sys.exit(main())
