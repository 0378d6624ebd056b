"""The program's main script, imported once in the reading workers' fork server: imported only as
a preload of that server (core.reading.isolation), never by the program itself.

Before a forked worker runs its task, multiprocessing prepares it as a spawned process would be:
it imports the parent's main script again (as `__mp_main__`) unless the process it was forked from
already holds it. Under `streamlit run` the main script is Streamlit's console script, and importing
it is importing Streamlit's command line: 0.4-0.8 s of every upload, measured. multiprocessing's own
way to preload the main script (the '__main__' preload) does not take effect on Python 3.11: the
fork server is never given its path. The reading side passes the path in the environment; this
module imports it in the fork server, as the worker's preparation would, and each worker then
finds it there and skips the import.
"""

from __future__ import annotations

import os
from multiprocessing import spawn

from core.reading.isolation import MAIN_SCRIPT_VARIABLE

_path = os.environ.get(MAIN_SCRIPT_VARIABLE)
if _path and os.path.isfile(_path):
    spawn.import_main_path(_path)
