from geomap.cli import main
import sys

sys.exit(main())
